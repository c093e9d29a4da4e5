package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.STRANGER;
import static io.github.vippscallback.bootlines.Requests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With a webhook secret set, the callback endpoint also requires Vipps' signature, checked after the address:
 * a signed request from Vipps reaches the handler, one signed with another secret gets 401, and a stranger
 * gets 403 however well it signs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.webhook.secret=" + SignedWebhookTests.SECRET,
    "vipps.callback.dns.accept-special-purpose-addresses=true"})
class SignedWebhookTests {

  static final String SECRET = "the-webhook-secret-vipps-returned";

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension().answer("callback-1.vipps.no", 300, PROD_IPV4);

  @LocalServerPort
  int port;

  @Autowired
  VippsAllowlist allowlist;

  @BeforeEach
  void allowlistResolved() throws InterruptedException {
    assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void signedWebhookFromVippsReachesTheHandler() throws IOException {
    assertThat(signed(PROD_IPV4, "order-6", SECRET).body()).isEqualTo("reached order-6");
  }

  @Test
  void webhookSignedWithAnotherSecretIsRefused() throws IOException {
    LoopbackHttpResponse response = signed(PROD_IPV4, "order-7", "a-secret-vipps-never-gave-us");

    assertProblem(response, 401);
  }

  @Test
  void unsignedWebhookFromVippsIsRefused() throws IOException {
    assertProblem(Requests.postCallback(PROD_IPV4, port, "order-8"), 401);
  }

  @Test
  void signedWebhookFromAStrangerGetsForbidden() throws IOException {
    assertProblem(signed(STRANGER, "order-9", SECRET), 403);
  }

  private LoopbackHttpResponse signed(String from, String orderId, String secret) throws IOException {
    return LoopbackHttpClient.from(from).request("POST", port, "/vipps/payments/" + orderId)
        .body("{\"orderId\":\"" + orderId + "\"}", "application/json")
        .signedWith(secret)
        .send();
  }
}
