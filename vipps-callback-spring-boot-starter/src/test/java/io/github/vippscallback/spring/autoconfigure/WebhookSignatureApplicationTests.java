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

import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.spring.testapp.OutcomeCounter;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Webhook signatures with one secret, in an application with Spring Security on a real port: requests
 * come from real loopback source addresses, DNS is answered on loopback. The secret is set as an
 * ordinary property (any property source works the same).
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.webhook.secret=" + WebhookSignatureApplicationTests.SECRET,
    "vipps.callback.webhook.max-body-size=1KB"})
@ExtendWith(OutputCaptureExtension.class)
class WebhookSignatureApplicationTests extends LoopbackApplicationFixture {

  static final String SECRET = "whsec-single-5c1f9e-never-logged";

  @Autowired
  OutcomeCounter counter;

  @BeforeEach
  void countFromZero() {
    counter.reset();
  }

  @Test
  void signedRequestFromRequestServerReachesControllerWithExactBody() throws Exception {
    LoopbackHttpResponse response = postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, SECRET);

    assertReached(response, "payments", BODY);
    assertThat(counter.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }

  @Test
  void requiredAndDefaultEndpointsBothTakeTheSecret() throws Exception {
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, SECRET), "refunds", BODY);
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhook", BODY, SECRET), "webhook", BODY);
  }

  @Test
  void anAsynchronousControllerGetsTheExactBodyAndABadSignatureStillGets401() throws Exception {
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/async", BODY, SECRET), "async", BODY);
    assertUnauthorizedProblem(postSigned(PROD_SERVER, port, "/vipps/webhooks/async", BODY, "another-secret"), SECRET);
  }

  @Test
  void wrongSecretGets401ProblemAndIsCountedWithoutReachingTheController(CapturedOutput output) throws Exception {
    LoopbackHttpResponse response = postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, "another-secret");

    assertUnauthorizedProblem(response, SECRET);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(output).contains("Vipps webhook refused").contains("the signature does not match")
        .doesNotContain(SECRET);
  }

  @Test
  void tamperedBodyOrUnsignedRequestGets401() throws Exception {
    byte[] tampered = new String(BODY, java.nio.charset.StandardCharsets.UTF_8).replace("AUTHORIZED", "CAPTURED")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/payments", tampered,
        signed(SECRET, port, "/vipps/webhooks/payments", BODY)), SECRET);
    assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, Map.of()), SECRET);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(2);
  }

  @Test
  void signatureForAnotherPathGets401() throws Exception {
    assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY,
        signed(SECRET, port, "/vipps/webhooks/payments", BODY)), SECRET);
  }

  @Test
  void strangerWithValidSignatureGets403AndItsBodyIsNeverChecked() throws Exception {
    LoopbackHttpResponse response = postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, SECRET);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("X-Endpoint")).isNull();
    assertThat(counter.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }

  @Test
  void endpointMarkedNoneTakesNoSignatureButStillOnlyVipps() throws Exception {
    assertReached(post(PROD_SERVER, port, "/vipps/ecom/42", BODY, Map.of()), "ecom 42", BODY);
    assertThat(post(STRANGER, port, "/vipps/ecom/42", BODY, Map.of()).status()).isEqualTo(403);
  }

  @Test
  void bodyOverMaxBodySizeGets413AndIsCounted() throws Exception {
    byte[] big = "x".repeat(1025).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    LoopbackHttpResponse response = postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", big, SECRET);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(counter.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void headerCaseAndOrderDoNotMatter() throws Exception {
    Map<String, String> headers = new HashMap<>();
    signed(SECRET, port, "/vipps/webhooks/payments", BODY).forEach((name, value) ->
        headers.put(name.toUpperCase(java.util.Locale.ROOT), value));

    assertReached(post(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, headers), "payments", BODY);
  }
}
