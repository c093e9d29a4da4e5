package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;

/** Requests to the application under test from real loopback source addresses, and what the guard answers. */
final class Requests {

  /** Answered for callback-1.vipps.no (production, IPv4). */
  static final String PROD_IPV4 = "127.0.0.2";
  /** Answered for callback-2.vipps.no (production, IPv6). */
  static final String PROD_IPV6 = "::1";
  /** Answered for callback-dr-1.vipps.no (production disaster recovery). */
  static final String DISASTER_RECOVERY = "127.0.0.3";
  /** No Vipps server has it. */
  static final String STRANGER = "127.0.0.9";

  private Requests() {}

  static LoopbackHttpResponse postCallback(String from, int port, String orderId) throws IOException {
    return post(from, port, "/vipps/payments/" + orderId);
  }

  /** A JSON POST to {@code path}, whose last segment is the order id. */
  static LoopbackHttpResponse post(String from, int port, String path) throws IOException {
    String orderId = path.substring(path.lastIndexOf('/') + 1);
    return LoopbackHttpClient.from(from).request("POST", port, path)
        .body("{\"orderId\":\"" + orderId + "\"}", "application/json")
        .send();
  }

  static void assertProblem(LoopbackHttpResponse response, int status) {
    assertThat(response.status()).as("status; body %s", response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":" + status).doesNotContain("reached");
  }
}
