package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vippscallback.settings.Setting;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Init-parameters: a missing or bad one stops {@code init} with a message that names it. */
class VippsWebhookSignatureFilterInitTest {

  private static FilterConfig config(Map<String, String> parameters) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "vipps-webhook-signature";
      }

      @Override
      public ServletContext getServletContext() {
        throw new UnsupportedOperationException("not needed by the filter");
      }

      @Override
      public @Nullable String getInitParameter(String name) {
        return parameters.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
      }
    };
  }

  @Test
  void refusesMissingSecret() {
    assertThatThrownBy(() -> new VippsWebhookSignatureFilter().init(config(Map.of())))
        .isInstanceOf(ServletException.class)
        .hasMessage("VippsWebhookSignatureFilter 'vipps-webhook-signature': init-parameter 'webhook-secret' is"
            + " missing; valid values: " + Setting.WEBHOOK_SECRET.validValues());
  }

  @Test
  void refusesBlankSecretWithoutEchoingIt() {
    assertThatThrownBy(() -> new VippsWebhookSignatureFilter().init(config(Map.of("webhook-secret", "   "))))
        .isInstanceOf(ServletException.class)
        .hasMessage("VippsWebhookSignatureFilter 'vipps-webhook-signature': init-parameter 'webhook-secret' is"
            + " blank; valid: " + Setting.WEBHOOK_SECRET.validValues());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "date-window   | 5 minutes | init-parameter 'date-window' has the bad value '5 minutes': '5 minutes' is not a duration; valid: from 1s to 1h; a whole number with a unit",
      "date-window   | 2h        | init-parameter 'date-window' has the bad value '2h': '2h' must be from 1s to 1h; valid: from 1s to 1h;",
      "date-window   | 0s        | init-parameter 'date-window' has the bad value '0s': '0s' must be from 1s to 1h; valid: from 1s to 1h;",
      "max-body-size | lots      | init-parameter 'max-body-size' has the bad value 'lots': 'lots' is not a size; valid: a whole number of bytes, optionally with a unit B, KB or MB (e.g. 65536, 64KB, 1MB), from 1B to 10MB",
      "max-body-size | 0         | init-parameter 'max-body-size' has the bad value '0': '0' is out of range; valid: a whole number of bytes",
      "max-body-size | 11MB      | init-parameter 'max-body-size' has the bad value '11MB': '11MB' is out of range; valid: a whole number of bytes",
      "public-url    | shop.example.com | init-parameter 'public-url' has the bad value 'shop.example.com': 'shop.example.com' is refused: ",
      "public-url    | https://shop.example.com/?a=b | init-parameter 'public-url' has the bad value 'https://shop.example.com/?a=b': 'https://shop.example.com/?a=b' is refused: ",
      "mode          | dry-run   | init-parameter 'mode' has the bad value 'dry-run': 'dry-run' is not a mode; valid: enforce, report-only",
      "mode          | \"\"      | init-parameter 'mode' has the bad value '': '' is not a mode; valid: enforce, report-only"
  })
  void refusesBadParameterNamingItAndTheValue(String name, String value, String message) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("webhook-secret", "the-secret-value");
    parameters.put(name, value);

    assertThatThrownBy(() -> new VippsWebhookSignatureFilter().init(config(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessageStartingWith("VippsWebhookSignatureFilter 'vipps-webhook-signature': " + message)
        .message().doesNotContain("the-secret-value");
  }

  @ParameterizedTest
  @CsvSource({"public-url", "max-body-size", "date-window"})
  void refusesBadValuesWithTheValidValuesOfTheSettingsTable(String name) {
    Setting setting = Setting.in(Setting.Spelling.INIT_PARAMETER).stream()
        .filter(s -> name.equals(s.nameIn(Setting.Spelling.INIT_PARAMETER)))
        .findFirst().orElseThrow();

    assertThatThrownBy(() -> new VippsWebhookSignatureFilter().init(config(Map.of("webhook-secret", "s", name, "x"))))
        .isInstanceOf(ServletException.class)
        .hasMessageEndingWith("; valid: " + setting.validValues());
  }

  @ParameterizedTest
  @CsvSource({"public-url", "max-body-size", "date-window"})
  void treatsABlankOptionalParameterAsNotSetAsTheAddressFilterDoes(String name) throws ServletException {
    VippsWebhookSignatureFilter filter = new VippsWebhookSignatureFilter();

    filter.init(config(Map.of("webhook-secret", "s", name, "  ")));

    assertThat(filter.toString()).contains("publicUrl=null", "maxBodySize=65536", "dateWindow=PT5M");
  }

  @ParameterizedTest
  @CsvSource({"1000ms, 65536", "30s, 64KB", "PT5M, 1MB", "1h, 10MB", "5m, 100B"})
  void acceptsDocumentedFormats(String window, String size) {
    VippsWebhookSignatureFilter filter = new VippsWebhookSignatureFilter();
    Map<String, String> parameters =
        Map.of("webhook-secret", "s", "date-window", window, "max-body-size", size);

    assertThatCode(() -> filter.init(config(parameters))).doesNotThrowAnyException();
    assertThat(filter.toString()).doesNotContain("webhook-secret");
  }

  @ParameterizedTest
  @CsvSource({"enforce, enforce", "report-only, report-only", "' REPORT-ONLY ', report-only", "Enforce, enforce"})
  void readsTheModeInAnyCase(String value, String mode) throws ServletException {
    VippsWebhookSignatureFilter filter = new VippsWebhookSignatureFilter();

    filter.init(config(Map.of("webhook-secret", "s", "mode", value)));

    assertThat(filter.toString()).contains("mode=" + mode);
  }

  @Test
  void enforcesByDefault() throws ServletException {
    VippsWebhookSignatureFilter filter = new VippsWebhookSignatureFilter();

    filter.init(config(Map.of("webhook-secret", "s")));

    assertThat(filter.toString()).contains("mode=enforce");
  }

  @Test
  void builderSettingsWinOverInitParameters() throws ServletException {
    VippsWebhookSignatureFilter filter =
        VippsWebhookSignatureFilter.builder(io.github.vippscallback.webhook.WebhookSignatureVerifier.of("s"))
            .maxBodySize(10)
            .build();

    filter.init(config(Map.of()));

    assertThat(filter.toString()).contains("maxBodySize=10");
  }

  @Test
  void aFilterBuiltInCodeRefusesInitParametersItWouldIgnoreAsTheAddressFilterDoes() {
    VippsWebhookSignatureFilter filter =
        VippsWebhookSignatureFilter.builder(io.github.vippscallback.webhook.WebhookSignatureVerifier.of("s"))
            .build();

    assertThatThrownBy(() -> filter.init(config(Map.of("max-body-size", "1MB", "mode", "report-only"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("max-body-size")
        .hasMessageContaining("mode")
        .hasMessageContaining("builder")
        .hasMessageContaining("configure it one way only");
    assertThatCode(() -> filter.init(config(Map.of("some-container-setting", "x"))))
        .doesNotThrowAnyException();
  }
}
