package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        .hasMessageContaining("'webhook-secret' is missing");
  }

  @Test
  void refusesBlankSecretWithoutEchoingIt() {
    assertThatThrownBy(() -> new VippsWebhookSignatureFilter().init(config(Map.of("webhook-secret", "   "))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("'webhook-secret' is blank");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "date-window   | 5 minutes | 'date-window' must be a duration from 1s to 1h such as 5m, 300s or PT5M, but was '5 minutes'",
      "date-window   | 2h        | but was '2h'",
      "date-window   | 0s        | but was '0s'",
      "max-body-size | lots      | 'max-body-size' must be a size from 1 byte to 10MB such as 65536, 64KB or 1MB, but was 'lots'",
      "max-body-size | 0         | but was '0'",
      "max-body-size | 11MB      | but was '11MB'",
      "public-url    | shop.example.com | 'public-url' must be an http(s) URL without query, such as https://shop.example.com, but was 'shop.example.com'",
      "public-url    | https://shop.example.com/?a=b | but was 'https://shop.example.com/?a=b'",
      "mode          | dry-run   | 'mode' must be one of enforce, report-only, but was 'dry-run'",
      "mode          | ''        | 'mode' must be one of enforce, report-only, but was ''"
  })
  void refusesBadParameterNamingItAndTheValue(String name, String value, String message) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("webhook-secret", "the-secret-value");
    parameters.put(name, value);

    assertThatThrownBy(() -> new VippsWebhookSignatureFilter().init(config(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(message)
        .message().doesNotContain("the-secret-value");
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
}
