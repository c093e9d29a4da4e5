package io.github.vippscallback.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.github.vippscallback.testfixtures.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The WARN line of a rejected request and its rate limit, on a monotonic clock the test moves. */
class RejectionLogTest {

  private final AtomicLong nanos = new AtomicLong();
  private final LogCapture log = LogCapture.of(RejectionLogTest.class);
  private final RejectionLog rejectionLog =
      new RejectionLog(LoggerFactory.getLogger(RejectionLogTest.class), true, EnforcementMode.ENFORCE, nanos::get);

  @AfterEach
  void detach() {
    log.close();
  }

  /** A request with only what the log reads; CR/LF in headers can reach us from lenient containers. */
  private static FakeRequest request(String method, String uri, Map<String, List<String>> headers) {
    return FakeRequest.of(method, uri, headers);
  }

  @Test
  void logsEachFieldSanitisedOnOneLine() {
    FakeRequest request = request("POST\r\nX", "/vipps/callback\n2026 INFO fake", Map.of(
        "X-Forwarded-For", List.of("127.0.0.9\r\nWARN fake", "10.0.0.1"),
        "Forwarded", List.of("for=127.0.0.9")));

    rejectionLog.log(CallbackOutcome.DENIED, "127.0.0.9", "127.0.0.5", request, FakeRequest.VIEW);

    assertThat(log.messages(Level.WARN)).singleElement().asString()
        .doesNotContain("\r", "\n")
        .isEqualTo("Vipps callback denied (403): client=\"127.0.0.9\" peer=\"127.0.0.5\""
            + " x-forwarded-for=\"127.0.0.9\\u000d\\u000aWARN fake, 10.0.0.1\" forwarded=\"for=127.0.0.9\""
            + " method=\"POST\\u000d\\u000aX\" path=\"/vipps/callback\\u000a2026 INFO fake\""
            + " reason=\"" + RejectionLog.REASON_NOT_ALLOWED + "\"");
  }

  @Test
  void showsTheClientAddressInCanonicalForm() {
    rejectionLog.log(CallbackOutcome.DENIED, "2001:DB8:0:0:0:0:0:9", "0:0:0:0:0:0:0:1",
        request("GET", "/vipps/callback", Map.of()), FakeRequest.VIEW);

    assertThat(log.messages(Level.WARN)).singleElement().asString()
        .contains("client=\"2001:db8::9\" peer=\"0:0:0:0:0:0:0:1\"");
  }

  @Test
  void saysWhenNoClientAddressCouldBeFound() {
    rejectionLog.log(CallbackOutcome.DENIED, null, "127.0.0.5",
        request("GET", "/vipps/callback", Map.of("X-Forwarded-For", List.of("unknown"))), FakeRequest.VIEW);

    assertThat(log.messages(Level.WARN)).singleElement().asString()
        .contains("client=\"-\"", "reason=\"" + RejectionLog.REASON_NO_CLIENT + "\"");
  }

  @Test
  void namesAnUnreadablePeerAsItsOwnReasonEscapedAndCutShort() {
    String peer = "[::1]\r\nWARN fake" + "x".repeat(400);

    rejectionLog.log(CallbackOutcome.PEER_ADDRESS_UNREADABLE, peer, peer,
        request("POST", "/vipps/callback", Map.of()), FakeRequest.VIEW);

    String sanitized = HostileText.sanitize(peer);
    assertThat(sanitized).hasSizeLessThan(peer.length()).doesNotContain("\r", "\n");
    assertThat(log.messages(Level.WARN)).singleElement().asString()
        .startsWith("Vipps callback denied (403): ")
        .doesNotContain("\r", "\n", RejectionLog.REASON_NOT_ALLOWED, RejectionLog.REASON_NO_CLIENT)
        .contains("reason=\"" + RejectionLog.REASON_PEER_UNREADABLE + sanitized + "\"")
        .contains("the connection's peer address is not an IP literal: [::1]\\u000d\\u000aWARN fake");
  }

  @Test
  void logsAtMostFiveLinesASecondAndThenSaysHowManyWereSuppressed() {
    FakeRequest request = request("GET", "/vipps/callback", Map.of());
    for (int i = 0; i < 1000; i++) {
      rejectionLog.log(CallbackOutcome.DENIED, "127.0.0.9", "127.0.0.9", request, FakeRequest.VIEW);
    }
    assertThat(log.messages(Level.WARN)).hasSize(RejectionLog.DEFAULT_LINES_PER_SECOND);

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    rejectionLog.log(CallbackOutcome.UNAVAILABLE, "127.0.0.9", "127.0.0.9", request, FakeRequest.VIEW);

    List<String> lines = log.messages(Level.WARN);
    assertThat(lines).hasSize(RejectionLog.DEFAULT_LINES_PER_SECOND + 1);
    assertThat(lines.get(lines.size() - 1))
        .contains("refused for now (503)")
        .endsWith("(" + (1000 - RejectionLog.DEFAULT_LINES_PER_SECOND) + " similar lines suppressed)");
  }
}
