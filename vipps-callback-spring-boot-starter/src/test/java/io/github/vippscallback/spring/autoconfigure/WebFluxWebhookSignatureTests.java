package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.BODY;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertUnauthorizedProblem;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.postChunked;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.signed;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link WebhookSignatureApplicationTests} on WebFlux (Reactor Netty, Spring Security): the
 * body read once up to the limit, verified, and handed to the controller unchanged; the same 401 and 413.
 * Plus bodies without {@code Content-Length}, whose limit is enforced while reading.
 */
class WebFluxWebhookSignatureTests extends WebhookSignatureApplicationTests {

  /** WebFlux has no {@code Callable} handlers; the signature is still checked before that handler. */
  @Override
  @Test
  void anAsynchronousControllerGetsTheExactBodyAndABadSignatureStillGets401() throws Exception {
    assertUnauthorizedProblem(postSigned(PROD_SERVER, port, "/vipps/webhooks/async", BODY, "another-secret"), SECRET);
  }

  @Test
  void signedChunkedBodyWithoutContentLengthReachesControllerWithExactBody() throws Exception {
    assertReached(postChunked(PROD_SERVER, port, "/vipps/webhooks/payments", BODY,
        signed(SECRET, port, "/vipps/webhooks/payments", BODY)), "payments", BODY);
  }

  @Test
  void chunkedBodyOverMaxBodySizeGets413WhenRead() throws Exception {
    byte[] big = "y".repeat(3000).getBytes(StandardCharsets.UTF_8);

    LoopbackHttpResponse response = postChunked(PROD_SERVER, port, "/vipps/webhooks/payments", big,
        signed(SECRET, port, "/vipps/webhooks/payments", big));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("X-Endpoint")).isNull();
    assertThat(counter.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }
}
