package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VippsEnvironmentTest {

  @ParameterizedTest
  @CsvSource({"prod, PROD", "PROD, PROD", "' Production ', PROD", "production, PROD",
      "test, TEST", "Test, TEST", "mt, TEST", "'\tMT\n', TEST"})
  void parsesNamesAndAliasesIgnoringCaseAndSurroundingWhiteSpace(String value, VippsEnvironment expected) {
    assertThat(VippsEnvironment.parse(value)).isEqualTo(expected);
  }

  @Test
  void rejectsAnUnknownNameNamingItAndTheValidValues() {
    assertThatThrownBy(() -> VippsEnvironment.parse("staging"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown Vipps environment 'staging'; valid values are: prod (alias production), test (alias mt)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pro", "prod2", "pr od", "mtest", "p\u0433od", "prod;test"})
  void rejectsAnythingButTheExactNames(String value) {
    assertThatThrownBy(() -> VippsEnvironment.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown Vipps environment")
        .hasMessageContaining("valid values are: prod (alias production), test (alias mt)");
  }

  @Test
  void rejectsNullAndBlankSayingSo() {
    assertThatThrownBy(() -> VippsEnvironment.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Vipps environment must not be null; valid values are: prod (alias production), test (alias mt)");
    assertThatThrownBy(() -> VippsEnvironment.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Vipps environment must not be blank; valid values are: prod (alias production), test (alias mt)");
  }

  @Test
  void validValuesListsEveryAcceptedName() {
    assertThat(VippsEnvironment.validValues()).isEqualTo("prod, production, test, mt");
  }

  @Test
  void productionIncludesTheDisasterRecoveryServers() {
    assertThat(VippsEnvironment.PROD.id()).isEqualTo("prod");
    assertThat(VippsEnvironment.PROD.apiBaseUrl()).isEqualTo(URI.create("https://api.vipps.no"));
    assertThat(VippsEnvironment.PROD.requestServers()).containsExactly(
        "callback-1.vipps.no", "callback-2.vipps.no", "callback-3.vipps.no", "callback-4.vipps.no",
        "callback-dr-1.vipps.no", "callback-dr-2.vipps.no", "callback-dr-3.vipps.no", "callback-dr-4.vipps.no");
  }

  @Test
  void testEnvironmentHasTheMerchantTestServers() {
    assertThat(VippsEnvironment.TEST.id()).isEqualTo("test");
    assertThat(VippsEnvironment.TEST.alias()).isEqualTo("mt");
    assertThat(VippsEnvironment.TEST.apiBaseUrl()).isEqualTo(URI.create("https://apitest.vipps.no"));
    assertThat(VippsEnvironment.TEST.requestServers())
        .containsExactly("callback-mt-1.vipps.no", "callback-mt-2.vipps.no");
  }
}
