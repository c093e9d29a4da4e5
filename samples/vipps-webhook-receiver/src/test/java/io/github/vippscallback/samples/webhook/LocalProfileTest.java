package io.github.vippscallback.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code local} profile a newcomer starts the sample with, where Vipps' host names do not resolve
 * (as on a laptop without network, or in a sandbox): loopback is allowed, anything else is denied.
 * These are the README's two curl lines.
 */
@ActiveProfiles("local")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalProfileTest {

  private static final LoopbackDnsServer DNS = Loopback.resolvingNothing();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("vipps.callback.dns.servers", DNS::address);
  }

  @AfterAll
  static void stopDns() {
    DNS.close();
  }

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
  void deniesAnEventFromAnotherLoopbackAddress() throws Exception {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> Events.post("127.0.0.2", port, Events.authorized("order-3003")).status() != 503);

    assertThat(Events.post("127.0.0.2", port, Events.authorized("order-3004")).status()).isEqualTo(403);
    assertThat(receivedEvents.all()).extracting(EpaymentWebhookEvent::reference)
        .doesNotContain("order-3003", "order-3004");
  }
}
