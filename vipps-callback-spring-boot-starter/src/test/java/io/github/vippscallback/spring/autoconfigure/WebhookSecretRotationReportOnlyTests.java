package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.BODY;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.post;
import static io.github.vippscallback.spring.autoconfigure.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.actuate.MicrometerCallbackObserver;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Report-only mode during a secret rotation, behind a trusted proxy without a public URL, on a real port:
 * every request reaches the controller, and each outcome is counted as when enforcing; a signature that
 * matches no secret is logged with the hint that the public URL is missing.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.mode=report-only",
    "vipps.callback.trusted-proxies=10.255.255.0/24",
    "vipps.callback.webhook.secret=" + WebhookSecretRotationReportOnlyTests.OLD + ","
        + WebhookSecretRotationReportOnlyTests.NEW})
@ExtendWith(OutputCaptureExtension.class)
class WebhookSecretRotationReportOnlyTests extends LoopbackApplicationFixture {

  static final String OLD = "b2xkLXJlcG9ydC1vbmx5LXNlY3JldA==";
  static final String NEW = "bmV3LXJlcG9ydC1vbmx5LXNlY3JldA==";
  static final String THIRD = "dGhpcmQtc2VjcmV0LW5vdC1jb25maWd1cmVk";

  @Autowired
  MeterRegistry registry;

  private double count(String name, String tag, String value) {
    Counter counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void everyRequestGoesThroughAndEachOutcomeIsCounted(CapturedOutput output) throws Exception {
    String requests = MicrometerCallbackObserver.REQUESTS;
    String signatures = MicrometerCallbackObserver.SIGNATURES;
    double allowed = count(requests, "outcome", "allowed");
    double denied = count(requests, "outcome", "denied");
    double invalid = count(requests, "outcome", "signature_invalid");
    double first = count(signatures, "secret", "#1");
    double second = count(signatures, "secret", "#2");

    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, OLD), "payments", BODY);
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, NEW), "payments", BODY);
    assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, THIRD), "payments", BODY);
    assertReached(post(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, Map.of()), "payments", BODY);
    assertReached(postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, NEW), "payments", BODY);

    assertThat(count(requests, "outcome", "allowed") - allowed).isEqualTo(4);
    assertThat(count(requests, "outcome", "denied") - denied).isEqualTo(1);
    assertThat(count(requests, "outcome", "signature_invalid") - invalid).isEqualTo(2);
    assertThat(count(signatures, "secret", "#1") - first).isEqualTo(1);
    // The stranger's request is checked too in report-only mode: signed with the new secret.
    assertThat(count(signatures, "secret", "#2") - second).isEqualTo(2);
    assertThat(output)
        .contains("Vipps webhook would have been refused but was let through (report-only): reason=\"the signature"
            + " does not match\"")
        .contains("secrets=\"matched none of the 2 secrets of vipps.callback.webhook.secret\"")
        .contains("hint=\"no vipps.callback.webhook.public-url is set and the request came through a proxy")
        .contains("reason=\"no Authorization header\"")
        .doesNotContain(OLD).doesNotContain(NEW).doesNotContain(THIRD);
  }
}
