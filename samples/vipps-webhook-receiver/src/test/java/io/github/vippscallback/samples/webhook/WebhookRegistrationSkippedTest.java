package io.github.vippscallback.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.vippscallback.test.LoopbackDnsExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without credentials the receiver calls no Vipps API, says so, and still receives events. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookRegistrationSkippedTest {

  @RegisterExtension
  static final LoopbackDnsExtension dns = Loopback.requestServers();

  private static final WireMockServer VIPPS_API = Loopback.vippsApi();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the loopback DNS answers loopback addresses, which the allowlist takes only when told to
    registry.add("vipps.callback.dns.accept-special-purpose-addresses", () -> "true");
    registry.add("vipps.api.base-url", () -> "http://127.0.0.1:" + VIPPS_API.port());
  }

  @AfterAll
  static void stopServers() {
    VIPPS_API.stop();
  }

  @LocalServerPort
  private int port;

  @Autowired
  private RegisteredWebhooks registeredWebhooks;

  @Test
  void callsNoVippsApiAndSaysWhichSettingsAreMissing(CapturedOutput output) {
    assertThat(VIPPS_API.getAllServeEvents()).isEmpty();
    assertThat(registeredWebhooks.current()).isEmpty();
    assertThat(output.getAll()).contains("Skipping webhook registration with the Vipps Webhooks API:"
        + " vipps.api.client-id, vipps.api.client-secret, vipps.api.subscription-key,"
        + " vipps.api.merchant-serial-number, vipps.api.webhook-url not set");
  }

  @Test
  void stillAcceptsEventsFromTheRequestServers() {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> Events.post("127.0.0.2", port, Events.authorized("order-2001")).status() == 200);
  }
}
