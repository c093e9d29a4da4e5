package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.spring.VippsCallback.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which endpoint takes which secret: by path pattern in order, under the servlet path, else the single one. */
class WebhookSignaturesTests {

  private static final CallbackEndpoint PAYMENTS =
      new CallbackEndpoint("/api/vipps/webhooks/payments", Set.of("POST"));
  private static final CallbackEndpoint REFUNDS =
      new CallbackEndpoint("/api/vipps/webhooks/refunds/{id}", Set.of("POST"), Signature.REQUIRED);
  private static final CallbackEndpoint ECOM =
      new CallbackEndpoint("/api/vipps/ecom/{orderId}", Set.of("POST"), Signature.NONE);
  private static final List<CallbackEndpoint> ENDPOINTS = List.of(PAYMENTS, REFUNDS, ECOM);

  private static WebhookSignatures signatures(@Nullable String secret, Map<String, String> secrets) {
    VippsCallbackProperties.Webhook webhook = new VippsCallbackProperties.Webhook();
    webhook.setSecret(secret);
    webhook.setSecrets(secrets);
    return new WebhookSignatures(() -> ENDPOINTS, () -> "/api", webhook, CallbackObserver.NONE,
        EnforcementMode.ENFORCE, false);
  }

  private static Map<String, List<CallbackEndpoint>> groups(WebhookSignatures signatures) {
    Map<String, List<CallbackEndpoint>> groups = new LinkedHashMap<>();
    for (WebhookSignatures.Group group : signatures.groups()) {
      groups.put(group.secretProperty(), group.endpoints());
    }
    return groups;
  }

  @Test
  void theSingleSecretAppliesToEveryEndpointNotMarkedNone() {
    assertThat(groups(signatures("s", Map.of())))
        .containsExactly(Map.entry("vipps.callback.webhook.secret", List.of(PAYMENTS, REFUNDS)));
  }

  @Test
  void patternsAreUnderTheServletPathAndTheFirstMatchingOneWins() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("/vipps/webhooks/payments", "a");
    secrets.put("/vipps/webhooks/**", "b");

    assertThat(groups(signatures(null, secrets))).containsExactly(
        Map.entry("vipps.callback.webhook.secrets[/vipps/webhooks/payments]", List.of(PAYMENTS)),
        Map.entry("vipps.callback.webhook.secrets[/vipps/webhooks/**]", List.of(REFUNDS)));
  }

  @Test
  void aPatternBeatsTheSingleSecret() {
    assertThat(groups(signatures("s", Map.of("/vipps/webhooks/refunds/{refundId}", "r")))).containsExactly(
        Map.entry("vipps.callback.webhook.secret", List.of(PAYMENTS)),
        Map.entry("vipps.callback.webhook.secrets[/vipps/webhooks/refunds/{refundId}]", List.of(REFUNDS)));
  }

  @Test
  void aRequiredEndpointWithoutASecretIsAConfigurationFailureNamingIt() {
    WebhookSignatures signatures = signatures(null, Map.of("/vipps/webhooks/payments", "a"));

    assertThatThrownBy(signatures::groups)
        .isInstanceOf(VippsCallbackConfigurationException.class)
        .hasMessageContaining("vipps.callback.webhook.secret is not set")
        .hasMessageContaining("POST /api/vipps/webhooks/refunds/{id}")
        .hasMessageNotContaining("'a'");
  }

  @Test
  void aPatternUnderTheServletPathTwiceMatchesNothingAndFails() {
    // Written with the servlet path, the pattern becomes /api/api/...: no endpoint, a failure.
    assertThatThrownBy(() -> signatures("s", Map.of("/api/vipps/webhooks/**", "x")).groups())
        .isInstanceOf(VippsCallbackConfigurationException.class)
        .hasMessageContaining("vipps.callback.webhook.secrets is '/api/vipps/webhooks/**'")
        .hasMessageContaining("matches no guarded endpoint");
  }
}
