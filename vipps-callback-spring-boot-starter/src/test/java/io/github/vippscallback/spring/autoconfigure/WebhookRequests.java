package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.webhook.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Webhook requests over real HTTP from a loopback source address, signed as Vipps signs them. */
final class WebhookRequests {

  /** A body with non-ASCII text: the controller must get these exact bytes. */
  static final byte[] BODY = "{\"msn\":\"123456\",\"reference\":\"order-42\",\"name\":\"AUTHORIZED\",\"note\":\"blåbær\"}"
      .getBytes(StandardCharsets.UTF_8);

  private WebhookRequests() {}

  /** The headers Vipps would send with {@code secret} for {@code body} to this path (Host 127.0.0.1:port). */
  static Map<String, String> signed(String secret, int port, String path, byte[] body) {
    return WebhookSigner.of(secret).sign("http://127.0.0.1:" + port + path, body).asMap();
  }

  /** POSTs {@code body} as JSON with these headers from {@code source}. */
  static LoopbackHttpResponse post(String source, int port, String path, byte[] body, Map<String, String> headers)
      throws IOException {
    LoopbackHttpClient.Request request = LoopbackHttpClient.from(source)
        .request("POST", port, path)
        .header("Content-Type", "application/json")
        .body(body);
    headers.forEach(request::header);
    return request.send();
  }

  /** POSTs {@code body} as JSON in 500-byte chunks, without {@code Content-Length}, with these headers. */
  static LoopbackHttpResponse postChunked(String source, int port, String path, byte[] body,
      Map<String, String> headers) throws IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    for (int offset = 0; offset < body.length; offset += 500) {
      int length = Math.min(500, body.length - offset);
      encoded.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      encoded.write(body, offset, length);
      encoded.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    encoded.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return post(source, port, path, encoded.toByteArray(), withChunkedEncoding(headers));
  }

  private static Map<String, String> withChunkedEncoding(Map<String, String> headers) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put("Transfer-Encoding", "chunked");
    return all;
  }

  /** POSTs {@code body} signed with {@code secret} from {@code source}, as the test kit signs it. */
  static LoopbackHttpResponse postSigned(String source, int port, String path, byte[] body, String secret)
      throws IOException {
    return LoopbackHttpClient.from(source)
        .request("POST", port, path)
        .header("Content-Type", "application/json")
        .body(body)
        .signedWith(secret)
        .send();
  }

  /** The controller ran and echoed exactly {@code body}. */
  static void assertReached(LoopbackHttpResponse response, String endpoint, byte[] body) {
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("X-Endpoint")).isEqualTo(endpoint);
    assertThat(response.body()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  /** A 401 problem that reveals nothing. */
  static void assertUnauthorizedProblem(LoopbackHttpResponse response, String secret) {
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isEqualTo("HMAC-SHA256");
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.header("X-Endpoint")).isNull();
    assertThat(response.body()).contains("\"status\":401").doesNotContain(secret);
  }
}
