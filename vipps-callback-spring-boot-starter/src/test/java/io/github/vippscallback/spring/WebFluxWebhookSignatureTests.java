package io.github.vippscallback.spring;

import static io.github.vippscallback.spring.WebhookRequests.BODY;
import static io.github.vippscallback.spring.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.WebhookRequests.assertUnauthorizedProblem;
import static io.github.vippscallback.spring.WebhookRequests.post;
import static io.github.vippscallback.spring.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.WebhookRequests.signed;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.servlet.CallbackOutcome;
import io.github.vippscallback.spring.testapp.OutcomeCounter;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Webhook signatures on WebFlux (Reactor Netty, Spring Security) over real HTTP from loopback source
 * addresses: the body is read once, up to the limit, verified with the secret, and handed to the controller
 * unchanged; the same 401 and 413 answers as on servlets.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.webhook.secret=" + WebFluxWebhookSignatureTests.SECRET,
    "vipps.callback.webhook.max-body-size=1KB"})
@ExtendWith(OutputCaptureExtension.class)
class WebFluxWebhookSignatureTests extends LoopbackApplicationFixture {

  static final String SECRET = "whsec-webflux-3e7a-never-logged";

  @Autowired
  OutcomeCounter counter;

  @BeforeEach
  void countFromZero() {
    counter.reset();
  }

  @Test
  void signedRequestFromRequestServerReachesControllerWithExactBody() throws Exception {
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, SECRET), "payments", BODY);
    assertThat(counter.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }

  @Test
  void signedChunkedBodyWithoutContentLengthReachesControllerWithExactBody() throws Exception {
    LoopbackHttpResponse response = chunked(PROD_SERVER, "/vipps/webhooks/payments", BODY,
        signed(SECRET, port, "/vipps/webhooks/payments", BODY));

    assertReached(response, "payments", BODY);
  }

  @Test
  void wrongSecretGets401ProblemAndIsLoggedWithoutTheSecret(CapturedOutput output) throws Exception {
    assertUnauthorizedProblem(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, "another"), SECRET);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(output).contains("Vipps webhook refused").contains("the signature does not match")
        .doesNotContain(SECRET);
  }

  @Test
  void unsignedOrTamperedRequestGets401() throws Exception {
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("AUTHORIZED", "CAPTURED")
        .getBytes(StandardCharsets.UTF_8);

    assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, Map.of()), SECRET);
    assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/payments", tampered,
        signed(SECRET, port, "/vipps/webhooks/payments", BODY)), SECRET);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(2);
  }

  @Test
  void strangerWithValidSignatureGets403AndItsBodyIsNeverChecked() throws Exception {
    LoopbackHttpResponse response = postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, SECRET);

    assertForbiddenProblem(response);
    assertThat(counter.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }

  @Test
  void endpointMarkedNoneTakesNoSignatureButStillOnlyVipps() throws Exception {
    assertReached(post(PROD_SERVER, port, "/vipps/ecom/42", BODY, Map.of()), "ecom 42", BODY);
    assertForbiddenProblem(post(STRANGER, port, "/vipps/ecom/42", BODY, Map.of()));
  }

  @Test
  void bodyAnnouncedOverMaxBodySizeGets413() throws Exception {
    byte[] big = "x".repeat(1025).getBytes(StandardCharsets.UTF_8);

    LoopbackHttpResponse response = postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", big, SECRET);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":413").doesNotContain("xxxx");
    assertThat(counter.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void chunkedBodyOverMaxBodySizeGets413WhenRead() throws Exception {
    byte[] big = "y".repeat(3000).getBytes(StandardCharsets.UTF_8);

    LoopbackHttpResponse response = chunked(PROD_SERVER, "/vipps/webhooks/payments", big,
        signed(SECRET, port, "/vipps/webhooks/payments", big));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("X-Endpoint")).isNull();
    assertThat(counter.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }

  /** POSTs {@code body} in 500-byte chunks, without {@code Content-Length}. */
  LoopbackHttpResponse chunked(String source, String path, byte[] body, Map<String, String> headers)
      throws IOException {
    return sendChunked(source, port, path, body, headers);
  }

  static LoopbackHttpResponse sendChunked(String source, int port, String path, byte[] body,
      Map<String, String> headers) throws IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    for (int offset = 0; offset < body.length; offset += 500) {
      int length = Math.min(500, body.length - offset);
      encoded.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      encoded.write(body, offset, length);
      encoded.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    encoded.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    LoopbackHttpClient.Request request = LoopbackHttpClient.from(source).request("POST", port, path)
        .header("Content-Type", "application/json")
        .header("Transfer-Encoding", "chunked")
        .body(encoded.toByteArray());
    headers.forEach(request::header);
    return request.send();
  }
}
