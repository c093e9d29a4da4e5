package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.BODY;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.post;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.spring.testapp.OutcomeCounter;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import io.github.vippscallback.test.LoopbackHttpResponse;
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
 * {@code vipps.callback.mode=report-only} with Spring Security on a real port: every request reaches the
 * controller with its exact body, and what would have been refused is logged and counted as refused.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.mode=report-only",
    "vipps.callback.webhook.secret=" + ReportOnlyApplicationTests.SECRET})
@ExtendWith(OutputCaptureExtension.class)
class ReportOnlyApplicationTests extends LoopbackApplicationFixture {

  static final String SECRET = "whsec-report-only-77aa";

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
    LoopbackHttpResponse response = postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, "another-secret");

    assertReached(response, "payments", BODY);
    assertThat(counter.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.ALLOWED)).isZero();
    assertThat(output)
        .contains("Vipps callback would have been denied (403) but was let through (report-only)")
        .contains("Vipps webhook would have been refused but was let through (report-only)")
        .doesNotContain(SECRET);
  }

  @Test
  void unsignedRequestToRequiredEndpointReachesController() throws Exception {
    assertReached(post(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, Map.of()), "refunds", BODY);
    assertThat(counter.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
  }

  @Test
  void validRequestIsCountedAllowedOnly() throws Exception {
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, SECRET), "payments", BODY);
    assertThat(counter.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }
}
