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

/** The actuator over real HTTP while loopback DNS answers SERVFAIL for every Vipps host. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,vippscallback",
      "management.endpoint.health.show-details=always"
    })
class VippsCallbackActuatorUnavailableHttpTests {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Test
  void healthOfVippsCallbackIsDownWith503AndNamesTheDnsError() throws Exception {
    HttpResponse<String> response = get("/actuator/health/vippsCallback");

    assertThat(response.statusCode()).isEqualTo(503);
    DocumentContext json = JsonPath.parse(response.body());
    assertThat(json.read("$.status", String.class)).isEqualTo("DOWN");
    assertThat(json.read("$.details.entries", List.class)).isEmpty();
    assertThat(json.read("$.details.hosts[*].lastError", List.class)).hasSize(2)
        .allSatisfy(error -> assertThat(error).asString().isNotBlank());
  }

  @Test
  void overallHealthIsDownBecauseOfVippsCallback() throws Exception {
    HttpResponse<String> response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(JsonPath.parse(response.body()).read("$.components.vippsCallback.status", String.class))
        .isEqualTo("DOWN");
  }

  @Test
  void vippscallbackEndpointShowsNotReady() throws Exception {
    HttpResponse<String> response = get("/actuator/vippscallback");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JsonPath.parse(response.body()).read("$.ready", Boolean.class)).isFalse();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean(destroyMethod = "close")
    LoopbackDnsServer loopbackDnsServer() throws IOException {
      LoopbackDnsServer dns = LoopbackDnsServer.start();
      dns.behave(LoopbackAllowlist.MT_1, LoopbackDnsServer.Behaviour.SERVFAIL);
      dns.behave(LoopbackAllowlist.MT_2, LoopbackDnsServer.Behaviour.SERVFAIL);
      return dns;
    }

    @Bean(destroyMethod = "close")
    VippsAllowlist vippsCallbackAllowlist(LoopbackDnsServer dns) throws InterruptedException {
      VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
          .dnsServers(List.of(dns.address()))
          .queryTimeout(Duration.ofMillis(500))
          .retries(0)
          .build();
      allowlist.start();
      allowlist.awaitFirstResolution(Duration.ofSeconds(10));
      return allowlist;
    }
  }
}
