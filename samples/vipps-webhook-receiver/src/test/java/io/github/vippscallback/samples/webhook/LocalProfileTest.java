package io.github.vippscallback.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code local} profile a newcomer starts the sample with, where Vipps' host names do not resolve
 * (as on a laptop without network, or in a sandbox): loopback is allowed, anything else is denied.
 * These are the README's two curl lines.
 */
@ActiveProfiles("local")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalProfileTest {

  /** Answers every name NXDOMAIN, as if Vipps' host names could not be resolved here. */
  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension();


  @LocalServerPort
  private int port;

  @Autowired
  private ReceivedEvents receivedEvents;

  @Test
  void acceptsAnEventFromLoopback() {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> Events.post("127.0.0.1", port, Events.authorized("order-3001")).status() == 200);
    assertThat(receivedEvents.all()).anySatisfy(event -> assertThat(event.reference()).isEqualTo("order-3001"));
  }

  @Test
  void acceptsAnEventFromIpv6Loopback() {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> Events.post("::1", port, Events.authorized("order-3002")).status() == 200);
  }

  @Test
  void reportsTheAllowlistOnTheHealthEndpoint() throws Exception {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> Events.post("127.0.0.1", port, Events.authorized("order-3005")).status() == 200);

    LoopbackHttpResponse health = LoopbackHttpClient.from("127.0.0.1").get(port, "/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(JsonPath.<String>read(health.body(), "$.components.vippsCallback.status")).isEqualTo("UP");
    assertThat(JsonPath.<List<String>>read(health.body(), "$.components.vippsCallback.details.entries"))
        .containsExactly("127.0.0.1/32", "::1/128");
    assertThat(JsonPath.<List<String>>read(health.body(), "$.components.vippsCallback.details.hosts[*].host"))
        .containsExactly("callback-mt-1.vipps.no", "callback-mt-2.vipps.no");
  }

  @Test
  void exposesTheAllowlistOnTheVippsCallbackEndpoint() throws Exception {
    LoopbackHttpResponse endpoint = LoopbackHttpClient.from("127.0.0.1").get(port, "/actuator/vippscallback");

    assertThat(endpoint.status()).isEqualTo(200);
    assertThat(endpoint.body()).contains("callback-mt-1.vipps.no", "127.0.0.1/32");
  }

  @Test
  void deniesAnEventFromAnotherLoopbackAddress() throws Exception {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> Events.post("127.0.0.2", port, Events.authorized("order-3003")).status() != 503);

    assertThat(Events.post("127.0.0.2", port, Events.authorized("order-3004")).status()).isEqualTo(403);
    assertThat(receivedEvents.all()).extracting(EpaymentWebhookEvent::reference)
        .doesNotContain("order-3003", "order-3004");
  }
}
