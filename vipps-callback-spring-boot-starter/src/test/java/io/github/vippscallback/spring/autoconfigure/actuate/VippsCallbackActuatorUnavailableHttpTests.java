package io.github.vippscallback.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole starter on a real random port while loopback DNS answers SERVFAIL for every Vipps host. */
@SpringBootTest(
    classes = OperationsApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "vipps.callback.environment=test",
      "vipps.callback.dns.timeout=500ms",
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
@DirtiesContext
class VippsCallbackActuatorUnavailableHttpTests {

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .behave(LoopbackAllowlist.MT_1, LoopbackDnsServer.Behaviour.SERVFAIL)
      .behave(LoopbackAllowlist.MT_2, LoopbackDnsServer.Behaviour.SERVFAIL);

  @LocalServerPort
  int port;

  @Autowired
  MeterRegistry registry;

  @DynamicPropertySource
  static void dnsServers(DynamicPropertyRegistry properties) {
    properties.add("vipps.callback.dns.servers", dns::address);
  }

  @Test
  void healthOfVippsCallbackIsDownWith503AndNamesTheDnsError() throws Exception {
    LoopbackHttpResponse response = get("/actuator/health/vippsCallback");

    assertThat(response.status()).isEqualTo(503);
    DocumentContext json = JsonPath.parse(response.body());
    assertThat(json.read("$.status", String.class)).isEqualTo("DOWN");
    assertThat(json.read("$.details.entries", List.class)).isEmpty();
    assertThat(json.read("$.details.hosts[*].lastError", List.class)).hasSize(2)
        .allSatisfy(error -> assertThat(error).asString().contains("SERVFAIL"));
  }

  @Test
  void overallHealthIsDownBecauseOfVippsCallback() throws Exception {
    LoopbackHttpResponse response = get("/actuator/health");

    assertThat(response.status()).isEqualTo(503);
    assertThat(JsonPath.parse(response.body()).read("$.components.vippsCallback.status", String.class))
        .isEqualTo("DOWN");
  }

  @Test
  void countsACallbackAnswered503WithTheDefaultRetryAfterAsUnavailable() throws Exception {
    double before = registry.get("vipps.callback.requests").tag("outcome", "unavailable").counter().count();

    LoopbackHttpResponse response =
        LoopbackHttpClient.from("127.0.0.2").post(port, "/vipps/callback", Map.of(), "{}", "application/json");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("60");
    assertThat(registry.get("vipps.callback.requests").tag("outcome", "unavailable").counter().count())
        .isEqualTo(before + 1);
  }

  @Test
  void timesTheStartersFailedDnsRefreshes() {
    await().atMost(Duration.ofSeconds(20)).until(() -> refreshes("failure") >= 4);

    assertThat(refreshes("success")).isZero();
  }

  private long refreshes(String outcome) {
    return registry.find("vipps.callback.dns.refresh").tag("outcome", outcome).timers().stream()
        .mapToLong(Timer::count).sum();
  }

  private LoopbackHttpResponse get(String target) throws IOException {
    return LoopbackHttpClient.from("127.0.0.1").get(port, target);
  }
}
