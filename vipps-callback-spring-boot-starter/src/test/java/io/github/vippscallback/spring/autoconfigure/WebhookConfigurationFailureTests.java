package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vippscallback.spring.testapp.CallbackDns;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Webhook settings that would leave an endpoint unsigned, or cannot work, stop the start-up of a real
 * application, and the starter's failure analysis names the property, the bad value (never a secret) and
 * what is valid.
 */
class WebhookConfigurationFailureTests {

  private static final String SECRET = "whsec-config-3f2a-never-shown";

  /** Starts the webhook application with these properties; the failure that stopped it, or null. */
  private static @Nullable Throwable start(String... properties) {
    List<String> all = new ArrayList<>(List.of(
        "server.port=0",
        "vipps.callback.environment=prod",
        "vipps.callback.dns.servers=" + CallbackDns.EMPTY.address()));
    all.addAll(List.of(properties));
    return catchThrowable(() -> {
      try (ConfigurableApplicationContext context =
          new SpringApplicationBuilder(WebhookApplication.class).properties(all.toArray(new String[0])).run()) {
        context.getId();
      }
    });
  }

  private static VippsCallbackConfigurationException configurationFailure(@Nullable Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof VippsCallbackConfigurationException found) {
        return found;
      }
    }
    throw new AssertionError("the start-up did not fail with a VippsCallbackConfigurationException", failure);
  }

  @Test
  void anEndpointThatRequiresASignatureWithoutASecretStopsTheStartUp() {
    Throwable failure = start();

    VippsCallbackConfigurationException cause = configurationFailure(failure);
    assertThat(cause.property()).isEqualTo("vipps.callback.webhook.secret");
    assertThat(cause.value()).isNull();
    assertThat(cause.reason()).contains("POST /vipps/webhooks/refunds").contains("signature = REQUIRED");
    FailureAnalysis analysis =
        Objects.requireNonNull(new VippsCallbackFailureAnalyzer().analyze(Objects.requireNonNull(failure)));
    assertThat(analysis.getDescription()).contains("Property: vipps.callback.webhook.secret", "(not set)");
    assertThat(analysis.getAction()).contains("Set vipps.callback.webhook.secret", "vipps.callback.webhook.secrets[");
  }

  @Test
  void aSecretForTheRequiredEndpointsPathIsEnough() {
    assertThat(start("vipps.callback.webhook.secrets[/vipps/webhooks/refunds]=" + SECRET)).isNull();
  }

  @Test
  void aSecretsPatternThatMatchesNoEndpointStopsTheStartUpWithoutShowingTheSecret() {
    Throwable failure = start(
        "vipps.callback.webhook.secret=" + SECRET,
        "vipps.callback.webhook.secrets[/vipps/webhoks/**]=" + SECRET);

    VippsCallbackConfigurationException cause = configurationFailure(failure);
    assertThat(cause.property()).isEqualTo("vipps.callback.webhook.secrets");
    assertThat(cause.value()).isEqualTo("/vipps/webhoks/**");
    assertThat(cause.getMessage()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vipps.callback.mode=enforcing | vipps.callback.mode | enforcing",
      "vipps.callback.webhook.public-url=shop.example.com | vipps.callback.webhook.public-url | shop.example.com",
      "vipps.callback.webhook.date-window=2h | vipps.callback.webhook.date-window | 2h",
      "vipps.callback.webhook.max-body-size=11MB | vipps.callback.webhook.max-body-size | 11MB",
      "vipps.callback.webhook.secrets[vipps/x]=s | vipps.callback.webhook.secrets | vipps/x"})
  void aBadWebhookSettingStopsTheStartUpNamingIt(String setting, String property, String value) {
    Throwable failure = start("vipps.callback.webhook.secret=" + SECRET, setting);

    VippsCallbackConfigurationException cause = configurationFailure(failure);
    assertThat(cause.property()).isEqualTo(property);
    assertThat(cause.value()).isEqualTo(value);
    assertThat(cause.getMessage()).doesNotContain(SECRET);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "vipps.callback.webhook.secret=" + SECRET + ",," + SECRET + "x",
      "vipps.callback.webhook.secret=" + SECRET + "," + SECRET,
      "vipps.callback.webhook.secret=bad label:" + SECRET,
      "vipps.callback.webhook.secrets[/vipps/webhooks/refunds]=old:" + SECRET + ",old:" + SECRET + "x"})
  void aMalformedSecretListStopsTheStartUpNamingThePropertyButNoSecret(String setting) {
    Throwable failure = start("vipps.callback.webhook.secret=" + SECRET + "y", setting);

    VippsCallbackConfigurationException cause = configurationFailure(failure);
    assertThat(cause.property()).isEqualTo(setting.substring(0, setting.indexOf('=')));
    assertThat(cause.value()).isEqualTo("(hidden)");
    assertThat(cause.validValues()).contains("separated by commas", "old:<secret>,new:<secret>");
    assertThat(cause.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void aBlankSecretStopsTheStartUp() {
    VippsCallbackConfigurationException cause = configurationFailure(start("vipps.callback.webhook.secret=   "));

    assertThat(cause.property()).isEqualTo("vipps.callback.webhook.secret");
    assertThat(cause.reason()).contains("blank");
  }

  @Test
  void aBadModeListsTheValidOnes() {
    VippsCallbackConfigurationException cause =
        configurationFailure(start("vipps.callback.webhook.secret=" + SECRET, "vipps.callback.mode=dry-run"));

    assertThat(cause.validValues()).isEqualTo("enforce, report-only");
  }
}
