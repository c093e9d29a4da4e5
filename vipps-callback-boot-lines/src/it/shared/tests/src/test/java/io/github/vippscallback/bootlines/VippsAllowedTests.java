package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.DISASTER_RECOVERY;
import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.PROD_IPV6;
import static io.github.vippscallback.bootlines.Requests.STRANGER;
import static io.github.vippscallback.bootlines.Requests.assertProblem;
import static io.github.vippscallback.bootlines.Requests.postCallback;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The merchant's application on this Spring Boot line and web stack, with no security configuration of its
 * own, on a real port: Vipps' production request servers (IPv4, IPv6, disaster recovery) reach the handler,
 * a stranger gets the guard's 403, everything else is left as it was (with Spring Security: Boot's default
 * login; without: open). The consumer's pom says what to expect ({@code expected.*} system properties).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "management.endpoint.health.show-components=always",
    "management.endpoint.health.show-details=always",
    // the DNS below answers loopback addresses, where the requests come from
    "vipps.callback.dns.accept-special-purpose-addresses=true"})
class VippsAllowedTests {

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-1.vipps.no", 300, PROD_IPV4)
      .answer("callback-2.vipps.no", 300, PROD_IPV6)
      .answer("callback-dr-1.vipps.no", 300, DISASTER_RECOVERY);

  @LocalServerPort
  int port;

  @Autowired
  VippsAllowlist allowlist;

  @BeforeEach
  void allowlistResolved() throws InterruptedException {
    assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void runsOnTheSpringBootLineThisProjectIsBuiltAgainst() {
    assertThat(SpringBootVersion.getVersion()).startsWith(Expected.property("expected.boot.line") + ".");
  }

  @Test
  void vippsOverIpv4ReachesTheHandler() throws IOException {
    assertThat(postCallback(PROD_IPV4, port, "order-1").body()).isEqualTo("reached order-1");
  }

  @Test
  void vippsOverIpv6ReachesTheHandler() throws IOException {
    assertThat(postCallback(PROD_IPV6, port, "order-2").body()).isEqualTo("reached order-2");
  }

  @Test
  void vippsDisasterRecoveryReachesTheHandler() throws IOException {
    assertThat(postCallback(DISASTER_RECOVERY, port, "order-3").body()).isEqualTo("reached order-3");
  }

  @Test
  void strangerGetsTheGuardsForbiddenProblem() throws IOException {
    assertProblem(postCallback(STRANGER, port, "order-4"), 403);
  }

  @Test
  void everythingElseIsLeftAsItWas() throws IOException {
    int expected = Integer.parseInt(Expected.property("expected.other.status"));
    assertThat(LoopbackHttpClient.from(PROD_IPV4).get(port, "/hello").status()).isEqualTo(expected);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/hello").status()).isEqualTo(expected);
  }

  @Test
  void healthComponentVippsCallbackIsUp() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.1").get(port, "/actuator/health/vippsCallback");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"", "\"environment\":\"prod\"", "127.0.0.2");
  }

  @Test
  void startUpLineNamesTheGuardThatIsInPlace(CapturedOutput output) {
    assertThat(output.getAll())
        .contains("guarded endpoint(s) [POST /vipps/payments/{orderId}")
        .contains("] by " + Expected.property("expected.guard") + "; allowed:");
  }
}
