package io.github.vippscallback.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.settings.Setting.Spelling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingReaderTest {

  /**
   * The names users write, as listed in the project's public contract (shared/public-contract.txt): every one
   * must stay a setting of the table, spelt exactly so.
   */
  private static final List<String> PUBLIC_PROPERTIES = List.of("vipps.callback.environment",
      "vipps.callback.enabled", "vipps.callback.trusted-proxies", "vipps.callback.dns.servers",
      "vipps.callback.dns.timeout", "vipps.callback.dns.min-ttl", "vipps.callback.dns.max-ttl",
      "vipps.callback.dns.max-stale", "vipps.callback.dns.accept-special-purpose-addresses",
      "vipps.callback.additional-hosts", "vipps.callback.additional-addresses", "vipps.callback.paths",
      "vipps.callback.retry-after", "vipps.callback.mode", "vipps.callback.webhook.secret",
      "vipps.callback.webhook.secrets", "vipps.callback.webhook.public-url", "vipps.callback.webhook.max-body-size",
      "vipps.callback.webhook.date-window");
  private static final List<String> PUBLIC_INIT_PARAMETERS = List.of("environment", "mode", "trusted-proxies",
      "dns-servers", "dns-timeout", "min-ttl", "max-ttl", "max-stale", "accept-special-purpose-addresses",
      "additional-hosts", "additional-addresses", "retry-after", "webhook-secret", "public-url", "max-body-size",
      "date-window");
  private static final List<String> PUBLIC_FLAGS = List.of("--environment", "--dns-server", "--min-ttl",
      "--max-ttl", "--accept-special-purpose-addresses");

  @Test
  void everyNameOfThePublicContractIsASettingOfTheTableSpeltAsBefore() {
    assertThat(names(Spelling.PROPERTY)).containsExactlyInAnyOrderElementsOf(PUBLIC_PROPERTIES);
    assertThat(names(Spelling.INIT_PARAMETER)).containsExactlyInAnyOrderElementsOf(PUBLIC_INIT_PARAMETERS);
    assertThat(names(Spelling.FLAG)).containsExactlyInAnyOrderElementsOf(PUBLIC_FLAGS);
  }

  @Test
  void theTablesDefaultsAreTheBuildersDefaults() {
    assertThat(SettingText.duration(defaultOf(Setting.DNS_TIMEOUT))).isEqualTo(VippsAllowlist.DEFAULT_QUERY_TIMEOUT);
    assertThat(SettingText.duration(defaultOf(Setting.MIN_TTL))).isEqualTo(VippsAllowlist.DEFAULT_MIN_TTL);
    assertThat(SettingText.duration(defaultOf(Setting.MAX_TTL))).isEqualTo(VippsAllowlist.DEFAULT_MAX_TTL);
    assertThat(SettingText.duration(defaultOf(Setting.MAX_STALE))).isEqualTo(VippsAllowlist.DEFAULT_MAX_STALE);
    SettingReader unset = SettingReader.of(Spelling.INIT_PARAMETER, name -> null);
    assertThat(unset.retryAfter()).isEqualTo(CallbackGuard.DEFAULT_RETRY_AFTER);
    assertThat(unset.mode()).isEqualTo(EnforcementMode.ENFORCE);
    assertThat(defaultOf(Setting.MODE)).isEqualTo(EnforcementMode.ENFORCE.value());
    assertThat(Setting.MODE.validValues()).isEqualTo(EnforcementMode.validValues());
  }

  @Test
  void appliesEverySettingOfAFrontEndToTheAllowlistBuilder() {
    Map<String, String> flags = Map.of("--environment", "test", "--dns-server", "127.0.0.1:5353,[::1]:53",
        "--min-ttl", "2s", "--max-ttl", "3s", "--accept-special-purpose-addresses", "true");

    VippsAllowlist allowlist = SettingReader.of(Spelling.FLAG, flags::get).allowlist().build();

    assertThat(allowlist.hosts()).isEqualTo(VippsEnvironment.TEST.requestServers());
    allowlist.close();
  }

  @Test
  void readsOnlyTheNamesOfItsOwnFrontEnd() {
    List<String> asked = new ArrayList<>();
    Map<String, String> values = new HashMap<>(Map.of("environment", "prod", "--environment", "nonsense"));

    SettingReader.of(Spelling.INIT_PARAMETER, name -> {
      asked.add(name);
      return values.get(name);
    }).allowlist();

    assertThat(asked).contains("environment", "dns-servers", "dns-timeout", "min-ttl")
        .allSatisfy(name -> assertThat(name).doesNotStartWith("--").doesNotStartWith("vipps."));
  }

  @ParameterizedTest
  @EnumSource(value = Spelling.class, names = {"INIT_PARAMETER", "FLAG"})
  void aBadValueIsRefusedNamingTheSettingAsWrittenTheValueAndTheTablesValidValues(Spelling spelling) {
    String name = Objects.requireNonNull(Setting.MIN_TTL.nameIn(spelling));

    assertThatThrownBy(() -> read(spelling, Setting.MIN_TTL, "soon").allowlist())
        .isInstanceOfSatisfying(SettingException.class, e -> {
          assertThat(e.setting()).isEqualTo(Setting.MIN_TTL);
          assertThat(e.name()).isEqualTo(name);
          assertThat(e.value()).isEqualTo("soon");
          assertThat(e.reason()).isEqualTo("'soon' is not a duration");
          assertThat(e.validValues()).isEqualTo(Setting.MIN_TTL.validValues());
          assertThat(e.missing()).isFalse();
        })
        .hasMessage(name + " 'soon' is not a duration; valid values look like at least 1s and not above max-ttl; "
            + SettingText.DURATION);
  }

  @Test
  void aValueTheBuilderRefusesIsWordedAsTheValueNotAsTheBuildersInternalForm() {
    assertThatThrownBy(() -> read(Spelling.INIT_PARAMETER, Setting.MIN_TTL, "500ms").allowlist())
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("min-ttl '500ms' must be at least 1s; valid values look like at least 1s")
        .hasMessageNotContaining("PT0.5S");
    assertThatThrownBy(() -> read(Spelling.INIT_PARAMETER, Setting.DNS_TIMEOUT, "0s").allowlist())
        .hasMessageStartingWith("dns-timeout '0s' must be positive; valid values look like a positive duration");
  }

  @Test
  void aMissingEnvironmentIsRequiredListingTheValidOnes() {
    assertThatThrownBy(() -> SettingReader.of(Spelling.FLAG, name -> null).allowlist())
        .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.missing()).isTrue())
        .hasMessage("--environment is required; valid values are prod, production, test, mt");
    assertThatThrownBy(() -> read(Spelling.INIT_PARAMETER, Setting.ENVIRONMENT, " ").environment())
        .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.missing()).isTrue());
  }

  @Test
  void aMinTtlAboveTheMaxTtlNamesBothAsWrittenOrAsTheirDefault() {
    Map<String, String> both = Map.of("environment", "test", "min-ttl", "10m", "max-ttl", "5m");
    Map<String, String> onlyMin = Map.of("environment", "test", "min-ttl", "10m");

    assertThatThrownBy(() -> SettingReader.of(Spelling.INIT_PARAMETER, both::get).allowlist())
        .hasMessageStartingWith("'min-ttl' ('10m') is above 'max-ttl' ('5m'); valid values look like");
    assertThatThrownBy(() -> SettingReader.of(Spelling.INIT_PARAMETER, onlyMin::get).allowlist())
        .hasMessageStartingWith("'min-ttl' ('10m') is above 'max-ttl' (default 5m)");
  }

  @Test
  void aBadTrustedProxyOrRetryAfterNamesTheSetting() {
    assertThatThrownBy(() -> read(Spelling.INIT_PARAMETER, Setting.TRUSTED_PROXIES, "10.0.0.1/8")
        .clientAddressResolver())
        .hasMessageStartingWith("trusted-proxies ")
        .hasMessageContaining("'10.0.0.1/8' is refused: \"10.0.0.1/8\" has host bits set; did you mean 10.0.0.0/8?")
        .hasMessageEndingWith("; valid values look like " + Setting.TRUSTED_PROXIES.validValues());
    assertThatThrownBy(() -> read(Spelling.INIT_PARAMETER, Setting.RETRY_AFTER, "100ms").retryAfter())
        .hasMessageStartingWith("retry-after '100ms' must be at least 1s; valid values look like at least 1s");
  }

  @Test
  void readsTheModeAndRefusesABlankOne() {
    assertThat(read(Spelling.INIT_PARAMETER, Setting.MODE, " Report-Only ").mode())
        .isEqualTo(EnforcementMode.REPORT_ONLY);
    assertThatThrownBy(() -> read(Spelling.INIT_PARAMETER, Setting.MODE, "").mode())
        .hasMessage("mode '' is not a mode; valid values are enforce, report-only");
  }

  @Test
  void suggestsTheClosestKnownName() {
    assertThat(Setting.closest(names(Spelling.INIT_PARAMETER), "enviroment")).isEqualTo("environment");
    assertThat(Setting.closest(names(Spelling.FLAG), "--min-tl")).isEqualTo("--min-ttl");
    assertThat(Setting.closest(names(Spelling.INIT_PARAMETER), "colour")).isNull();
  }

  private static SettingReader read(Spelling spelling, Setting setting, String value) {
    Map<String, String> values = new HashMap<>();
    values.put(Objects.requireNonNull(Setting.ENVIRONMENT.nameIn(spelling)), "test");
    values.put(Objects.requireNonNull(setting.nameIn(spelling)), value);
    return SettingReader.of(spelling, values::get);
  }

  private static String defaultOf(Setting setting) {
    return Objects.requireNonNull(setting.defaultValue());
  }

  private static List<String> names(Spelling spelling) {
    List<String> names = new ArrayList<>();
    for (Setting setting : Setting.in(spelling)) {
      names.add(Objects.requireNonNull(setting.nameIn(spelling)));
    }
    return names;
  }
}
