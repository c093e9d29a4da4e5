package io.github.vippscallback.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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

/**
 * The whole starter on a real random port, with Spring Security and the actuator on the class path and the
 * allowlist resolving through loopback DNS: health, the {@code vippscallback} endpoint and the metrics over
 * real HTTP, and callbacks from real loopback source addresses counted by outcome.
 */
@SpringBootTest(
    classes = OperationsApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "vipps.callback.environment=test",
      "management.endpoints.web.exposure.include=health,vippscallback,metrics",
      "management.endpoint.health.show-details=always",
      "spring.security.user.name=ops",
      "spring.security.user.password=ops-secret"
    })
@DirtiesContext
class VippsCallbackActuatorHttpTests {

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer(LoopbackAllowlist.MT_1, 60, "127.0.0.2")
      .answer(LoopbackAllowlist.MT_2, 60, "127.0.0.3");

  private static final String OPS = "Basic "
      + Base64.getEncoder().encodeToString("ops:ops-secret".getBytes(StandardCharsets.UTF_8));

  @LocalServerPort
  int port;

  @Autowired
  MeterRegistry registry;

  @DynamicPropertySource
  static void dnsServers(DynamicPropertyRegistry properties) {
    properties.add("vipps.callback.dns.servers", dns::address);
    // the loopback DNS answers loopback addresses, which the allowlist takes only when told to
    properties.add("vipps.callback.dns.accept-special-purpose-addresses", () -> "true");
  }

  @Test
  void healthOfVippsCallbackIsUpWithPerHostDetails() throws Exception {
    LoopbackHttpResponse response = get("/actuator/health/vippsCallback", Map.of());

    assertThat(response.status()).isEqualTo(200);
    DocumentContext json = JsonPath.parse(response.body());
    assertThat(json.read("$.status", String.class)).isEqualTo("UP");
    assertThat(json.read("$.details.environment", String.class)).isEqualTo("test");
    assertThat(json.read("$.details.entries", List.class)).containsExactly("127.0.0.2/32", "127.0.0.3/32");
    assertThat(json.read("$.details.hosts[*].host", List.class))
        .containsExactly(LoopbackAllowlist.MT_1, LoopbackAllowlist.MT_2);
    assertThat(json.read("$.details.hosts[0].addresses", List.class)).containsExactly("127.0.0.2");
    assertThat(json.read("$.details.hosts[0].ttl", String.class)).isEqualTo("PT1M");
    assertThat(json.read("$.details.hosts[0].stale", Boolean.class)).isFalse();
    assertThat(json.read("$.details.hosts[0].lastSuccess", String.class)).isNotBlank();
    assertThat(json.read("$.details.hosts[0]", Map.class)).doesNotContainKey("lastError");
  }

  @Test
  void overallHealthIncludesVippsCallback() throws Exception {
    LoopbackHttpResponse response = get("/actuator/health", Map.of());

    assertThat(response.status()).isEqualTo(200);
    assertThat(JsonPath.parse(response.body()).read("$.components.vippsCallback.status", String.class))
        .isEqualTo("UP");
  }

  @Test
  void vippscallbackEndpointStaysBehindBootsActuatorSecurity() throws Exception {
    assertThat(get("/actuator/vippscallback", Map.of()).status()).isEqualTo(401);
  }

  @Test
  void vippscallbackEndpointShowsTheSnapshotToAnAuthenticatedUser() throws Exception {
    LoopbackHttpResponse response = get("/actuator/vippscallback", Map.of("Authorization", OPS));

    assertThat(response.status()).isEqualTo(200);
    DocumentContext json = JsonPath.parse(response.body());
    assertThat(json.read("$.environment", String.class)).isEqualTo("test");
    assertThat(json.read("$.ready", Boolean.class)).isTrue();
    assertThat(json.read("$.entries", List.class)).containsExactly("127.0.0.2/32", "127.0.0.3/32");
    assertThat(json.read("$.hosts[1].host", String.class)).isEqualTo(LoopbackAllowlist.MT_2);
    assertThat(json.read("$.hosts[1].addresses", List.class)).containsExactly("127.0.0.3");
  }

  @Test
  void countsCallbacksFromVippsAsAllowedAndFromOthersAsDenied() throws Exception {
    double allowedBefore = requests("allowed");
    double deniedBefore = requests("denied");

    assertThat(callbackFrom("127.0.0.2").status()).isEqualTo(200);
    assertThat(callbackFrom("127.0.0.3").status()).isEqualTo(200);
    assertThat(callbackFrom("127.0.0.9").status()).isEqualTo(403);

    assertThat(requests("allowed")).isEqualTo(allowedBefore + 2);
    assertThat(requests("denied")).isEqualTo(deniedBefore + 1);
  }

  @Test
  void metricsEndpointShowsTheAddressGaugeAndTheRequestCounters() throws Exception {
    LoopbackHttpResponse gauge =
        get("/actuator/metrics/vipps.callback.allowlist.addresses", Map.of("Authorization", OPS));
    LoopbackHttpResponse counter =
        get("/actuator/metrics/vipps.callback.requests?tag=outcome:unavailable", Map.of("Authorization", OPS));

    assertThat(gauge.status()).isEqualTo(200);
    assertThat(JsonPath.parse(gauge.body()).read("$.measurements[0].value", Double.class)).isEqualTo(2.0);
    assertThat(counter.status()).isEqualTo(200);
    assertThat(JsonPath.parse(counter.body()).read("$.measurements[0].value", Double.class)).isZero();
  }

  @Test
  void timesTheStartersDnsRefreshesBySuccess() {
    await().atMost(Duration.ofSeconds(20)).until(() -> refreshes("success") >= 4);

    assertThat(refreshes("failure")).isZero();
    assertThat(registry.get("vipps.callback.dns.refresh").tag("outcome", "success").timers())
        .extracting(timer -> timer.getId().getTag("host"))
        .contains(LoopbackAllowlist.MT_1, LoopbackAllowlist.MT_2);
  }

  private long refreshes(String outcome) {
    return registry.find("vipps.callback.dns.refresh").tag("outcome", outcome).timers().stream()
        .mapToLong(Timer::count).sum();
  }

  private double requests(String outcome) {
    return registry.get("vipps.callback.requests").tag("outcome", outcome).counter().count();
  }

  private LoopbackHttpResponse callbackFrom(String source) throws IOException {
    return LoopbackHttpClient.from(source).post(port, "/vipps/callback", Map.of(), "{}", "application/json");
  }

  private LoopbackHttpResponse get(String target, Map<String, String> headers) throws IOException {
    return LoopbackHttpClient.from("127.0.0.1").get(port, target, headers);
  }
}
