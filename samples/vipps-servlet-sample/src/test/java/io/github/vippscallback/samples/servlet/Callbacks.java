package io.github.vippscallback.samples.servlet;

import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.util.Map;

/** Sends an ePayment-like callback to the sample from a chosen loopback source address. */
final class Callbacks {

  static final String PATH = "/vipps/callbacks/epayment";
  static final String EVENT = "{\"msn\":\"123456\",\"reference\":\"order-1001\",\"pspReference\":\"7686\","
      + "\"name\":\"AUTHORIZED\",\"amount\":{\"currency\":\"NOK\",\"value\":1000},"
      + "\"timestamp\":\"2024-01-15T10:00:00Z\",\"idempotencyKey\":null,\"success\":true}";

  private Callbacks() {}

  static LoopbackHttpResponse post(String sourceAddress, int port) throws IOException {
    return post(sourceAddress, port, Map.of());
  }

  static LoopbackHttpResponse post(String sourceAddress, int port, Map<String, String> headers)
      throws IOException {
    return LoopbackHttpClient.from(sourceAddress).post(port, PATH, headers, EVENT, "application/json");
  }
}
