package io.github.vippscallback.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.webhook.WebhookSigner;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the webhook secret Vipps returned at registration ({@code vipps.callback.webhook.secret}) and the
 * public URL registered, the receiver takes only events that come from a request server AND carry
 * Vipps' signature.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookSignatureVerifiedTest {

  private static final String SECRET = "sample-webhook-secret-from-registration";
  private static final String PUBLIC_URL = "https://shop.example.com";

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 60, "127.0.0.2")
      .answer("callback-mt-2.vipps.no", 60, "127.0.0.3");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the loopback DNS answers loopback addresses, which the allowlist takes only when told to
    registry.add("vipps.callback.dns.accept-special-purpose-addresses", () -> "true");
    registry.add("vipps.callback.webhook.secret", () -> SECRET);
    registry.add("vipps.callback.webhook.public-url", () -> PUBLIC_URL);
  }

  @LocalServerPort
  private int port;

  @Autowired
  private ReceivedEvents receivedEvents;

  @Test
  void acceptsASignedEventFromARequestServer() {
    String event = Events.authorized("order-3001");
    await().atMost(Duration.ofSeconds(20))
        .until(() -> send("127.0.0.2", event, WebhookSigner.of(SECRET)).status() == 200);
    assertThat(receivedEvents.all()).anyMatch(received -> "order-3001".equals(received.reference()));
  }

  @Test
  void refusesAnUnsignedEventFromARequestServerWith401() throws IOException {
    LoopbackHttpResponse response = awaitAllowlist(() -> Events.post("127.0.0.2", port, Events.authorized("order-3002")));

    assertThat(response.status()).isEqualTo(401);
    assertThat(receivedEvents.all()).noneMatch(received -> "order-3002".equals(received.reference()));
  }

  @Test
  void refusesAnEventSignedWithAnotherSecretWith401() throws IOException {
    LoopbackHttpResponse response =
        awaitAllowlist(() -> send("127.0.0.2", Events.authorized("order-3003"), WebhookSigner.of("not-the-secret")));

    assertThat(response.status()).isEqualTo(401);
    assertThat(receivedEvents.all()).noneMatch(received -> "order-3003".equals(received.reference()));
  }

  @Test
  void refusesACorrectlySignedEventFromAStrangerWith403() throws IOException {
    LoopbackHttpResponse response =
        awaitAllowlist(() -> send("127.0.0.9", Events.authorized("order-3004"), WebhookSigner.of(SECRET)));

    assertThat(response.status()).isEqualTo(403);
    assertThat(receivedEvents.all()).noneMatch(received -> "order-3004".equals(received.reference()));
  }

  /** Sends until the allowlist has its first DNS answers (503 before), then returns that answer. */
  private static LoopbackHttpResponse awaitAllowlist(Call call) {
    LoopbackHttpResponse[] last = new LoopbackHttpResponse[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      last[0] = call.send();
      return last[0].status() != 503;
    });
    return last[0];
  }

  private LoopbackHttpResponse send(String source, String json, WebhookSigner signer) throws IOException {
    return LoopbackHttpClient.from(source)
        .request("POST", port, EpaymentWebhookController.PATH)
        .body(json, "application/json")
        .publicUrl(PUBLIC_URL)
        .signedWith(signer)
        .send();
  }

  @FunctionalInterface
  private interface Call {
    LoopbackHttpResponse send() throws IOException;
  }
}
