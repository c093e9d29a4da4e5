package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.BODY;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertUnauthorizedProblem;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.post;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.signed;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.actuate.MicrometerCallbackObserver;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A webhook secret being rotated, in an application with Spring Security and Micrometer on a real port
 * (Spring MVC on Tomcat, or WebFlux on Reactor Netty: one subclass each), requests from real loopback
 * source addresses: {@code vipps.callback.webhook.secret} holds the old and the new registration's
 * secrets, labelled, and the refunds endpoint has a list of its own by path pattern ({@link #SECRET_PROPERTY}, {@link #REFUNDS_PROPERTY}).
 * Either secret is accepted and counted by its label (never the secret), a third is refused, and a
 * stranger is refused by the address check before any signature work.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class WebhookSecretRotationChecks extends LoopbackApplicationFixture {

  /** Both registrations' secrets, labelled. */
  static final String SECRET_PROPERTY = "vipps.callback.webhook.secret=old:" + WebhookSecretRotationChecks.OLD
      + ", new:" + WebhookSecretRotationChecks.NEW;
  /** The refunds endpoint's own list, by path pattern. */
  static final String REFUNDS_PROPERTY = "vipps.callback.webhook.secrets[/vipps/webhooks/refunds/**]="
      + WebhookSecretRotationChecks.REFUNDS_OLD + "," + WebhookSecretRotationChecks.REFUNDS_NEW;

  // Base64, as Vipps' secrets are.
  static final String OLD = "b2xkLXBheW1lbnRzLXNlY3JldC0xYzNm";
  static final String NEW = "bmV3LXBheW1lbnRzLXNlY3JldC04ZTJh";
  static final String REFUNDS_OLD = "b2xkLXJlZnVuZHMtc2VjcmV0LTRkNWU=";
  static final String REFUNDS_NEW = "bmV3LXJlZnVuZHMtc2VjcmV0LTdiOWM=";
  static final String THIRD = "dGhpcmQtc2VjcmV0LW5vdC1jb25maWd1cmVk";

  private static final String SECRET = WebhookSignatures.SECRET;
  private static final String REFUNDS = WebhookSignatures.SECRETS + "[/vipps/webhooks/refunds/**]";

  @Autowired
  MeterRegistry registry;

  private double matched(String secrets, String secret) {
    Counter counter = registry.find(MicrometerCallbackObserver.SIGNATURES)
        .tag("secrets", secrets).tag("secret", secret).counter();
    return counter == null ? 0 : counter.count();
  }

  private double requests(String outcome) {
    Counter counter = registry.find(MicrometerCallbackObserver.REQUESTS).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private double allSignatures() {
    return registry.find(MicrometerCallbackObserver.SIGNATURES).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  @Test
  void bothRegistrationsSecretsAreAcceptedAndTheMetricTagsWhichOneMatched() throws Exception {
    double old = matched(SECRET, "old");
    double current = matched(SECRET, "new");

    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, OLD), "payments", BODY);
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, NEW), "payments", BODY);
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhook", BODY, NEW), "webhook", BODY);

    assertThat(matched(SECRET, "old") - old).isEqualTo(1);
    assertThat(matched(SECRET, "new") - current).isEqualTo(2);
    assertThat(registry.find(MicrometerCallbackObserver.SIGNATURES).counters())
        .allSatisfy(counter -> assertThat(counter.getId().toString())
            .doesNotContain(OLD).doesNotContain(NEW).doesNotContain(REFUNDS_OLD).doesNotContain(REFUNDS_NEW));
  }

  @Test
  void aThirdSecretIsRefusedWith401AndTheLineNamesTheCheckAndTheUrlButNoSecret(CapturedOutput output)
      throws Exception {
    double refused = requests("signature_invalid");
    Map<String, String> headers = signed(THIRD, port, "/vipps/webhooks/payments", BODY);
    String authorization = java.util.Objects.requireNonNull(headers.get("Authorization"));

    assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, headers), OLD);

    assertThat(requests("signature_invalid") - refused).isEqualTo(1);
    assertThat(output).contains("Vipps webhook refused: reason=\"the signature does not match\"")
        .contains("secrets=\"matched none of the 2 secrets of vipps.callback.webhook.secret\"")
        .contains("verified-url=\"http://127.0.0.1:" + port + "/vipps/webhooks/payments\"")
        .contains("hint=\"a wrong or mixed-up secret")
        .doesNotContain(OLD).doesNotContain(NEW).doesNotContain(THIRD)
        .doesNotContain(authorization.substring(authorization.indexOf("Signature=") + 10));
  }

  @Test
  void anUnsignedRequestIsRefusedWith401NamingTheMissingHeader(CapturedOutput output) throws Exception {
    assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, Map.of()), OLD);

    assertThat(output).contains("reason=\"no Authorization header\"").doesNotContain(OLD).doesNotContain(NEW);
  }

  @Test
  void aStrangerIsRefusedByTheAddressCheckBeforeAnySignatureWork(CapturedOutput output) throws Exception {
    double denied = requests("denied");
    double refused = requests("signature_invalid");
    double signatures = allSignatures();

    LoopbackHttpResponse response = postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, NEW);

    assertForbiddenProblem(response);
    assertThat(requests("denied") - denied).isEqualTo(1);
    // No signature work: no signature counted either way, no signature line logged.
    assertThat(requests("signature_invalid") - refused).isZero();
    assertThat(allSignatures() - signatures).isZero();
    assertThat(output).contains("Vipps callback denied (403)").doesNotContain("Vipps webhook refused");
  }

  @Test
  void theRefundsEndpointTakesItsOwnListByPathPattern() throws Exception {
    double first = matched(REFUNDS, "#1");
    double second = matched(REFUNDS, "#2");

    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, REFUNDS_OLD), "refunds", BODY);
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, REFUNDS_NEW), "refunds", BODY);
    assertUnauthorizedProblem(postSigned(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, OLD), REFUNDS_OLD);
    assertUnauthorizedProblem(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, REFUNDS_NEW), OLD);

    assertThat(matched(REFUNDS, "#1") - first).isEqualTo(1);
    assertThat(matched(REFUNDS, "#2") - second).isEqualTo(1);
  }
}
