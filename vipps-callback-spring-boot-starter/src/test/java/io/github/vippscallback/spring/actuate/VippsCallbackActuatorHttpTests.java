package io.github.vippscallback.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.vippscallback.core.VippsAllowlist;
import io.github.vippscallback.core.VippsEnvironment;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The actuator over real HTTP on a random port, with the allowlist resolving through loopback DNS. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,vippscallback,metrics",
      "management.endpoint.health.show-details=always"
    })
class VippsCallbackActuatorHttpTests {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Test
  void healthOfVippsCallbackIsUpWithPerHostDetails() throws Exception {
    HttpResponse<String> response = get("/actuator/health/vippsCallback");

    assertThat(response.statusCode()).isEqualTo(200);
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
  }

  @Test
  void overallHealthIncludesVippsCallback() throws Exception {
    HttpResponse<String> response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JsonPath.parse(response.body()).read("$.components.vippsCallback.status", String.class))
        .isEqualTo("UP");
  }

  @Test
  void vippscallbackEndpointShowsTheSnapshot() throws Exception {
    HttpResponse<String> response = get("/actuator/vippscallback");

    assertThat(response.statusCode()).isEqualTo(200);
    DocumentContext json = JsonPath.parse(response.body());
    assertThat(json.read("$.environment", String.class)).isEqualTo("test");
    assertThat(json.read("$.ready", Boolean.class)).isTrue();
    assertThat(json.read("$.entries", List.class)).containsExactly("127.0.0.2/32", "127.0.0.3/32");
    assertThat(json.read("$.hosts[1].host", String.class)).isEqualTo(LoopbackAllowlist.MT_2);
    assertThat(json.read("$.hosts[1].addresses", List.class)).containsExactly("127.0.0.3");
  }

  @Test
  void vippscallbackEndpointHasNoWriteOperation() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(uri("/actuator/vippscallback"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void metricsEndpointShowsTheAddressGauge() throws Exception {
    HttpResponse<String> response = get("/actuator/metrics/vipps.callback.allowlist.addresses");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JsonPath.parse(response.body()).read("$.measurements[0].value", Double.class)).isEqualTo(2.0);
  }

  @Test
  void metricsEndpointListsTheRequestCounter() throws Exception {
    HttpResponse<String> response = get("/actuator/metrics/vipps.callback.requests?tag=outcome:denied");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JsonPath.parse(response.body()).read("$.measurements[0].value", Double.class)).isZero();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean(destroyMethod = "close")
    LoopbackDnsServer loopbackDnsServer() throws IOException {
      LoopbackDnsServer dns = LoopbackDnsServer.start();
      dns.answer(LoopbackAllowlist.MT_1, 60, "127.0.0.2");
      dns.answer(LoopbackAllowlist.MT_2, 60, "127.0.0.3");
      return dns;
    }

    @Bean(destroyMethod = "close")
    VippsAllowlist vippsCallbackAllowlist(LoopbackDnsServer dns) throws InterruptedException {
      VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
          .dnsServers(List.of(dns.address()))
          .build();
      allowlist.start();
      allowlist.awaitFirstResolution(Duration.ofSeconds(10));
      return allowlist;
    }
  }
}
