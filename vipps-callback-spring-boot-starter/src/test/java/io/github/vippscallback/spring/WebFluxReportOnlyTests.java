package io.github.vippscallback.spring;

import static io.github.vippscallback.spring.WebhookRequests.BODY;
import static io.github.vippscallback.spring.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.WebhookRequests.signed;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.servlet.CallbackGuard;
import io.github.vippscallback.servlet.CallbackOutcome;
import io.github.vippscallback.servlet.EnforcementMode;
import io.github.vippscallback.spring.testapp.OutcomeCounter;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code vipps.callback.mode=report-only} on WebFlux: every request reaches the controller with its exact
 * body (also one over the size limit, which is never buffered whole), and what would have been refused is
 * logged and counted as refused.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.mode=report-only",
    "vipps.callback.webhook.max-body-size=1KB",
    "vipps.callback.webhook.secret=" + WebFluxReportOnlyTests.SECRET})
@ExtendWith(OutputCaptureExtension.class)
class WebFluxReportOnlyTests extends LoopbackApplicationFixture {

  static final String SECRET = "whsec-webflux-report-only-19bd";

  @Autowired
  CallbackGuard guard;

  @Autowired
  OutcomeCounter counter;

  @BeforeEach
  void countFromZero() {
    counter.reset();
  }

  @Test
  void theGuardIsInReportOnlyMode() {
    assertThat(guard.mode()).isEqualTo(EnforcementMode.REPORT_ONLY);
  }

  @Test
  void strangerWithWrongSignatureReachesControllerAndIsLoggedAndCountedAsRefused(CapturedOutput output)
      throws Exception {
    assertReached(postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, "another-secret"), "payments", BODY);
    assertThat(counter.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(output)
        .contains("Vipps callback would have been denied (403) but was let through (report-only)")
        .contains("Vipps webhook would have been refused but was let through (report-only)")
        .doesNotContain(SECRET);
  }

  @Test
  void bodyOverTheLimitReachesControllerWholeAndIsCountedAsTooLarge() throws Exception {
    byte[] big = "z".repeat(3000).getBytes(StandardCharsets.UTF_8);

    assertReached(WebFluxWebhookSignatureTests.sendChunked(PROD_SERVER, port, "/vipps/webhooks/payments", big,
        signed(SECRET, port, "/vipps/webhooks/payments", big)), "payments", big);
    assertThat(counter.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void validRequestIsCountedAllowedOnly() throws Exception {
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, SECRET), "payments", BODY);
    assertThat(counter.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }
}
