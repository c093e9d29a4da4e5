package io.github.vippscallback.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.webhook.WebhookSignatureHeaders;
import io.github.vippscallback.webhook.WebhookSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The receiver while its webhook secret is rotated ({@code application-rotation.properties}): the old
 * and the new registration's secrets come from the environment, each event signed with either is
 * received and counted under its label, and one signed with a third secret gets 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("rotation")
class WebhookSecretRotationTest {

  // Base64, as the Webhooks API returns them.
  private static final String OLD = "c2FtcGxlLW9sZC1yZWdpc3RyYXRpb24tc2VjcmV0";
  private static final String NEW = "c2FtcGxlLW5ldy1yZWdpc3RyYXRpb24tc2VjcmV0";
  private static final String PUBLIC_URL = "https://shop.example.com";

  @RegisterExtension
  static final LoopbackDnsExtension DNS = Loopback.requestServers();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the loopback DNS answers loopback addresses, which the allowlist takes only when told to
    registry.add("vipps.callback.dns.accept-special-purpose-addresses", () -> "true");
    // As the environment variables the profile reads would.
    registry.add("VIPPS_WEBHOOK_SECRET_OLD", () -> OLD);
    registry.add("VIPPS_WEBHOOK_SECRET_NEW", () -> NEW);
  }

  @LocalServerPort
  private int port;

  @Autowired
  private ReceivedEvents receivedEvents;

  @Autowired
  private MeterRegistry registry;

  @Test
  void eventsSignedWithEitherRegistrationsSecretAreReceivedAndCountedByLabel() throws IOException {
    double old = matched("old");
    double current = matched("new");
    await().atMost(Duration.ofSeconds(20))
        .until(() -> send(Events.authorized("order-4001"), OLD).status() == 200);

    assertThat(send(Events.authorized("order-4002"), NEW).status()).isEqualTo(200);

    assertThat(receivedEvents.all()).anyMatch(received -> "order-4001".equals(received.reference()))
        .anyMatch(received -> "order-4002".equals(received.reference()));
    assertThat(matched("old") - old).isEqualTo(1);
    assertThat(matched("new") - current).isEqualTo(1);
  }

  @Test
  void anEventSignedWithAThirdSecretGets401() {
    LoopbackHttpResponse[] last = new LoopbackHttpResponse[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      last[0] = send(Events.authorized("order-4003"), "dGhpcmQtc2VjcmV0");
      return last[0].status() != 503;
    });

    assertThat(last[0].status()).isEqualTo(401);
    assertThat(receivedEvents.all()).noneMatch(received -> "order-4003".equals(received.reference()));
  }

  private double matched(String label) {
    Counter counter = registry.find("vipps.callback.webhook.signatures").tag("secret", label).counter();
    return counter == null ? 0 : counter.count();
  }

  private LoopbackHttpResponse send(String json, String secret) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    WebhookSignatureHeaders headers =
        WebhookSigner.of(secret).sign(PUBLIC_URL + EpaymentWebhookController.PATH, body);
    LoopbackHttpClient.Request request = LoopbackHttpClient.from("127.0.0.2")
        .request("POST", port, EpaymentWebhookController.PATH)
        .header("Content-Type", "application/json");
    for (Map.Entry<String, String> header : headers.asMap().entrySet()) {
      request = request.header(header.getKey(), header.getValue());
    }
    return request.body(body).send();
  }
}
