package io.github.vippscallback.samples.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The receiver as it runs for a merchant with credentials: it registers its webhook with the Vipps
 * API (WireMock) on start-up, and accepts events only from the test environment's request servers
 * (127.0.0.2 and 127.0.0.3 here, answered by a DNS server on loopback).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookReceiverApplicationTest {

  private static final String WEBHOOK_URL = "https://shop.example.com/vipps/webhooks/epayment";
  private static final String WEBHOOK_ID = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
  private static final String WEBHOOK_SECRET = "090a478d-37ff-4e77-970e-d457aeb9a0b1";
  private static final String CLIENT_SECRET = "the-client-secret";

  @RegisterExtension
  static final LoopbackDnsExtension dns = Loopback.requestServers();

  private static final WireMockServer VIPPS_API = Loopback.vippsApi(
      post("/accesstoken/get").willReturn(okJson(
          "{\"token_type\":\"Bearer\",\"expires_in\":\"3600\",\"access_token\":\"the-access-token\"}")),
      post("/webhooks/v1/webhooks").willReturn(jsonResponse(
          "{\"id\":\"" + WEBHOOK_ID + "\",\"secret\":\"" + WEBHOOK_SECRET + "\"}", 201)));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // the loopback DNS answers loopback addresses, which the allowlist takes only when told to
    registry.add("vipps.callback.dns.accept-special-purpose-addresses", () -> "true");
    Loopback.credentials(registry, VIPPS_API, CLIENT_SECRET, WEBHOOK_URL);
  }

  @AfterAll
  static void stopServers() {
    VIPPS_API.stop();
  }

  @LocalServerPort
  private int port;

  @Autowired
  private ReceivedEvents receivedEvents;

  @Autowired
  private RegisteredWebhooks registeredWebhooks;

  @BeforeEach
  void awaitRequestServersResolved() {
    // The allowlist resolves in the background: until it has, events are answered 503 (Vipps retries).
    await().atMost(Duration.ofSeconds(20)).until(() -> Events.post("127.0.0.9", port, "{}").status() == 403);
  }

  @Test
  void getsAnAccessTokenWithTheMerchantsKeysOnStartUp() {
    VIPPS_API.verify(1, postRequestedFor(urlEqualTo("/accesstoken/get"))
        .withHeader("client_id", equalTo("the-client-id"))
        .withHeader("client_secret", equalTo(CLIENT_SECRET))
        .withHeader("Ocp-Apim-Subscription-Key", equalTo("the-subscription-key"))
        .withHeader("Merchant-Serial-Number", equalTo("123456")));
  }

  @Test
  void registersItsWebhookForEveryEpaymentEventWithThatTokenAndKeepsIdAndSecret() {
    VIPPS_API.verify(1, postRequestedFor(urlEqualTo("/webhooks/v1/webhooks"))
        .withHeader("Authorization", equalTo("Bearer the-access-token"))
        .withHeader("Ocp-Apim-Subscription-Key", equalTo("the-subscription-key"))
        .withHeader("Merchant-Serial-Number", equalTo("123456"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"url": "%s",
             "events": ["epayments.payment.created.v1", "epayments.payment.aborted.v1",
                        "epayments.payment.expired.v1", "epayments.payment.cancelled.v1",
                        "epayments.payment.captured.v1", "epayments.payment.refunded.v1",
                        "epayments.payment.authorized.v1", "epayments.payment.terminated.v1"]}
            """.formatted(WEBHOOK_URL))));

    assertThat(registeredWebhooks.current()).contains(new RegisteredWebhook(WEBHOOK_ID, WEBHOOK_SECRET));
  }

  @Test
  void logsTheRegistrationButNeitherSecretNorToken(CapturedOutput output) {
    assertThat(output.getAll()).contains("Registered webhook " + WEBHOOK_ID)
        .doesNotContain(WEBHOOK_SECRET, CLIENT_SECRET, "the-access-token", "the-subscription-key");
  }

  @Test
  void acceptsAnEventFromARequestServerAndHandsItToTheApplication() throws Exception {
    LoopbackHttpResponse response = Events.post("127.0.0.2", port, Events.authorized("order-1001"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(receivedEvents.all()).anySatisfy(event -> {
      assertThat(event.reference()).isEqualTo("order-1001");
      assertThat(event.name()).isEqualTo("AUTHORIZED");
      assertThat(event.amount()).isEqualTo(new EpaymentWebhookEvent.Amount("NOK", 1000));
      assertThat(event.success()).isTrue();
    });
  }

  @Test
  void acceptsEventsFromEveryRequestServerOfTheEnvironment() throws Exception {
    assertThat(Events.post("127.0.0.3", port, Events.authorized("order-1002")).status()).isEqualTo(200);
  }

  @Test
  void deniesAnEventFromAnUnknownAddressWith403AndNeverHandsItOn() throws Exception {
    LoopbackHttpResponse response = Events.post("127.0.0.9", port, Events.authorized("order-666"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(receivedEvents.all()).extracting(EpaymentWebhookEvent::reference).doesNotContain("order-666");
  }

  @Test
  void deniesLoopbackItselfOutsideTheLocalProfile() throws Exception {
    assertThat(Events.post("127.0.0.1", port, Events.authorized("order-667")).status()).isEqualTo(403);
    assertThat(Events.post("::1", port, Events.authorized("order-668")).status()).isEqualTo(403);
  }

  @Test
  void recordsARepeatedDeliveryOnceAndStillAnswers200() throws Exception {
    String event = Events.authorized("order-1003");

    assertThat(Events.post("127.0.0.2", port, event).status()).isEqualTo(200);
    assertThat(Events.post("127.0.0.3", port, event).status()).isEqualTo(200);

    assertThat(receivedEvents.all()).filteredOn(received -> "order-1003".equals(received.reference())).hasSize(1);
  }

  @Test
  void answers400ToAnEventWithoutItsIdentifyingFields() throws Exception {
    String withoutReference = "{\"msn\":\"123456\",\"pspReference\":\"7686\",\"name\":\"AUTHORIZED\",\"success\":true}";

    assertThat(Events.post("127.0.0.2", port, withoutReference).status()).isEqualTo(400);
    assertThat(receivedEvents.all()).extracting(EpaymentWebhookEvent::pspReference).doesNotContain("7686");
  }
}
