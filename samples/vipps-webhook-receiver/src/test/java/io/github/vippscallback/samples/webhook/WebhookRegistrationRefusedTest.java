package io.github.vippscallback.samples.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.vippscallback.test.LoopbackDnsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** When Vipps refuses the credentials, the receiver says so, registers nothing, and keeps running. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookRegistrationRefusedTest {

  private static final String CLIENT_SECRET = "a-wrong-client-secret";

  @RegisterExtension
  static final LoopbackDnsExtension dns = Loopback.requestServers();

  private static final WireMockServer VIPPS_API = Loopback.vippsApi(
      post("/accesstoken/get").willReturn(unauthorized()));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the loopback DNS answers loopback addresses, which the allowlist takes only when told to
    registry.add("vipps.callback.dns.accept-special-purpose-addresses", () -> "true");
    Loopback.credentials(registry, VIPPS_API, CLIENT_SECRET, "https://shop.example.com/vipps/webhooks/epayment");
  }

  @AfterAll
  static void stopServers() {
    VIPPS_API.stop();
  }

  @Autowired
  private RegisteredWebhooks registeredWebhooks;

  @Test
  void logsTheRefusalWithoutTheSecretAndRegistersNothing(CapturedOutput output) {
    VIPPS_API.verify(1, postRequestedFor(urlEqualTo("/accesstoken/get")));
    VIPPS_API.verify(0, postRequestedFor(urlEqualTo("/webhooks/v1/webhooks")));
    assertThat(registeredWebhooks.current()).isEmpty();
    assertThat(output.getAll()).contains("Webhook registration at http://127.0.0.1:" + VIPPS_API.port() + " failed: HTTP 401")
        .doesNotContain(CLIENT_SECRET, "the-subscription-key");
  }
}
