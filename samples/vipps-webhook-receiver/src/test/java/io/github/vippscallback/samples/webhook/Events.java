package io.github.vippscallback.samples.webhook;

import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.util.Map;

/** ePayment webhook events as Vipps sends them, posted from a chosen loopback source address. */
final class Events {

  private Events() {}

  /** An AUTHORIZED event for payment {@code reference}, as JSON. */
  static String authorized(String reference) {
    return """
        {"msn":"123456","reference":"%s","pspReference":"7686f7788898767977","name":"AUTHORIZED",\
        "amount":{"currency":"NOK","value":1000},"timestamp":"2024-01-15T10:00:00Z",\
        "idempotencyKey":null,"success":true}""".formatted(reference);
  }

  static LoopbackHttpResponse post(String sourceAddress, int port, String json) throws IOException {
    return LoopbackHttpClient.from(sourceAddress)
        .post(port, EpaymentWebhookController.PATH, Map.of(), json, "application/json");
  }
}
