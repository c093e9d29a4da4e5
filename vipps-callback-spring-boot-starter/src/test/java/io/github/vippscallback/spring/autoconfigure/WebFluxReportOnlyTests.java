package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.signed;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.CallbackOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Every test of {@link ReportOnlyApplicationTests} on WebFlux, and a body over the size limit, which in
 * report-only mode reaches the controller whole without ever being buffered whole.
 */
@TestPropertySource(properties = "vipps.callback.webhook.max-body-size=1KB")
class WebFluxReportOnlyTests extends ReportOnlyApplicationTests {

  @Test
  void bodyOverTheLimitReachesControllerWholeAndIsCountedAsTooLarge() throws Exception {
    byte[] big = "z".repeat(3000).getBytes(StandardCharsets.UTF_8);

    assertReached(WebhookRequests.postChunked(PROD_SERVER, port, "/vipps/webhooks/payments", big,
        signed(SECRET, port, "/vipps/webhooks/payments", big)), "payments", big);
    assertThat(counter.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }
}
