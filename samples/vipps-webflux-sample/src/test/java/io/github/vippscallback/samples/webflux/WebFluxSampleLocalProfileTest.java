package io.github.vippscallback.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code local} profile of the docs' two curl lines, on Reactor Netty, where Vipps' host names do not
 * resolve (DNS on loopback answering nothing): from 127.0.0.1 the event reaches the controller (200), from
 * 127.0.0.2 it gets the 403 problem and never does.
 */
@ActiveProfiles("local")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebFluxSampleLocalProfileTest {

  private static final String EVENT = "{\"msn\":\"123456\",\"reference\":\"%s\",\"pspReference\":\"7686f7788898767977\","
      + "\"name\":\"AUTHORIZED\",\"amount\":{\"currency\":\"NOK\",\"value\":1000},"
      + "\"timestamp\":\"2024-01-15T10:00:00Z\",\"idempotencyKey\":null,\"success\":true}";

  /** Answers every name NXDOMAIN, as if Vipps' host names could not be resolved here. */
  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension();


  @LocalServerPort
  private int port;

  @Autowired
  private EpaymentCallbackController controller;

  @Test
  void acceptsAnEventFromLoopback() {
    await().atMost(Duration.ofSeconds(20)).until(() -> post("127.0.0.1", "order-4001").status() == 200);
    assertThat(controller.references()).contains("order-4001");
  }

  @Test
  void deniesAnEventFromAnotherLoopbackAddressWithTheProblem() throws IOException {
    await().atMost(Duration.ofSeconds(20)).until(() -> post("127.0.0.2", "order-4002").status() != 503);

    LoopbackHttpResponse response = post("127.0.0.2", "order-4003");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
        + "\"detail\":\"This endpoint accepts requests only from the Vipps MobilePay request servers.\","
        + "\"instance\":\"/vipps/webhooks/epayment\"}");
    assertThat(controller.references()).doesNotContain("order-4002", "order-4003");
  }

  @Test
  void reportsTheAllowlistOnTheHealthEndpoint() throws IOException {
    await().atMost(Duration.ofSeconds(20)).until(() -> post("127.0.0.1", "order-4004").status() == 200);

    LoopbackHttpResponse health = LoopbackHttpClient.from("127.0.0.1").get(port, "/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"vippsCallback\"", "127.0.0.1/32", "callback-mt-1.vipps.no");
  }

  private LoopbackHttpResponse post(String source, String reference) throws IOException {
    return LoopbackHttpClient.from(source).request("POST", port, "/vipps/webhooks/epayment")
        .body(EVENT.formatted(reference), "application/json").send();
  }
}
