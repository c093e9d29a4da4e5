package io.github.vippscallback.test.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookSigner;
import io.github.vippscallback.webhook.WebhookTarget;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopbackHttpClientTest {

  private ServerSocket server;

  @BeforeEach
  void listenOnAllAddresses() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress((InetAddress) null, 0));
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  /** What the scripted server saw: the peer address and the raw request head. */
  record Seen(InetAddress peer, String head) {}

  /** Accepts one connection, reads the request head and answers {@code response} verbatim. */
  private CompletableFuture<Seen> answerOnce(String response) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket socket = server.accept()) {
        String head = readHead(socket.getInputStream());
        socket.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return new Seen(socket.getInetAddress(), head);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Reads the request line and headers, up to and including the empty line. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void sendsFromTheChosenSourceAddressWithTheTargetVerbatimAndReadsAContentLengthBody() throws Exception {
    CompletableFuture<Seen> seen = answerOnce(
        "HTTP/1.1 403 \r\nContent-Type: application/problem+json\r\nContent-Length: 13\r\n\r\n{\"status\":403}");

    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.9")
        .get(server.getLocalPort(), "/vipps/..;/x/%2e%2e//y", Map.of("X-Forwarded-For", "127.0.0.2"));

    assertThat(seen.get(10, TimeUnit.SECONDS).peer().getHostAddress()).isEqualTo("127.0.0.9");
    assertThat(seen.get().head())
        .startsWith("GET /vipps/..;/x/%2e%2e//y HTTP/1.1\r\n")
        .contains("\r\nX-Forwarded-For: 127.0.0.2\r\n", "\r\nConnection: close\r\n")
        .containsPattern("\r\nHost: 127\\.0\\.0\\.1:\\d+\r\n");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body()).isEqualTo("{\"status\":403");
  }

  @Test
  void sendsFromIpv6LoopbackAndRepeatsAHeaderGivenTwice() throws Exception {
    CompletableFuture<Seen> seen = answerOnce("HTTP/1.1 204 \r\n\r\n");

    LoopbackHttpResponse response = LoopbackHttpClient.from("[::1]")
        .request("POST", server.getLocalPort(), "/vipps/callback")
        .header("Forwarded", "for=127.0.0.2")
        .header("Forwarded", "for=\"[::1]\"")
        .body("{}", "application/json")
        .send();

    InetAddress peer = seen.get(10, TimeUnit.SECONDS).peer();
    assertThat(peer).isInstanceOf(Inet6Address.class);
    assertThat(peer.isLoopbackAddress()).isTrue();
    assertThat(seen.get().head())
        .contains("\r\nForwarded: for=127.0.0.2\r\nForwarded: for=\"[::1]\"\r\n")
        .contains("\r\nContent-Length: 2\r\n")
        .containsPattern("\r\nHost: \\[::1\\]:\\d+\r\n");
    assertThat(response.status()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void readsAChunkedBodyAfterAnInterimResponse() throws Exception {
    CompletableFuture<Seen> seen = answerOnce("HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\nX-A: 2\r\n\r\n"
        + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: t\r\n\r\n");

    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.2").get(server.getLocalPort(), "/");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello, world");
    assertThat(response.headers("x-a")).containsExactly("1", "2");
    assertThat(seen.get(10, TimeUnit.SECONDS).peer().getHostAddress()).isEqualTo("127.0.0.2");
  }

  @Test
  void readsABodyToTheEndOfTheStreamWhenNoLengthIsGiven() throws Exception {
    CompletableFuture<Seen> seen = answerOnce("HTTP/1.1 200 OK\r\n\r\nuntil close");

    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.3").get(server.getLocalPort(), "/");

    assertThat(response.body()).isEqualTo("until close");
    assertThat(seen.get(10, TimeUnit.SECONDS).peer().getHostAddress()).isEqualTo("127.0.0.3");
  }

  @Test
  void timesOutWhenTheServerNeverAnswers() {
    // The server accepts (the backlog does) but never writes: the read must time out, not hang.
    LoopbackHttpClient client = LoopbackHttpClient.from("127.0.0.4").withTimeout(Duration.ofMillis(200));

    assertThatThrownBy(() -> client.get(server.getLocalPort(), "/"))
        .isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void refusesSourceAddressesThatAreNotLiteralsSoNoNameIsLookedUp() {
    for (String notLiteral : new String[] {"localhost", "cafe", "1.2.3", "1.2.3.4.5", "256.0.0.1", "example.com"}) {
      assertThatThrownBy(() -> LoopbackHttpClient.from(notLiteral))
          .as(notLiteral)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(notLiteral);
    }
  }

  @Test
  void refusesHeaderValuesWithLineBreaks() {
    LoopbackHttpClient.Request request = LoopbackHttpClient.from("127.0.0.2").request("GET", 80, "/");

    assertThatThrownBy(() -> request.header("X-Forwarded-For", "1.2.3.4\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- signed as Vipps signs a webhook ---

  private static final String SECRET = "whsec-kit-5d1f";
  private static final byte[] JSON = "{\"reference\":\"order-42\",\"note\":\"blåbær\"}".getBytes(StandardCharsets.UTF_8);

  /** Accepts one connection, reads the head and the Content-Length body, answers 204. */
  private CompletableFuture<Seen> receiveOnce(ByteArrayOutputStream bodySeen) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        String text = readHead(in);
        bodySeen.write(in.readNBytes(Integer.parseInt(headerOf(text, "Content-Length"))));
        socket.getOutputStream().write("HTTP/1.1 204 \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new Seen(socket.getInetAddress(), text);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String headerOf(String head, String name) {
    return head.lines()
        .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(line -> line.substring(name.length() + 1).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " header in " + head));
  }

  private static WebhookSignatureResult verify(String secret, WebhookTarget target, String head, byte[] body) {
    return WebhookSignatureVerifier.of(secret).verify("POST", target,
        headerOf(head, "x-ms-date"), headerOf(head, "x-ms-content-sha256"), headerOf(head, "Authorization"), body);
  }

  @Test
  void signedWithSignsTheBodyForTheHostAndTargetSentSoTheVerifierAcceptsIt() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    CompletableFuture<Seen> seen = receiveOnce(body);

    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.2")
        .request("POST", server.getLocalPort(), "/vipps/webhook?shop=1")
        .header("Content-Type", "application/json")
        .body(JSON)
        .signedWith(SECRET)
        .send();

    String head = seen.get(10, TimeUnit.SECONDS).head();
    assertThat(response.status()).isEqualTo(204);
    assertThat(body.toByteArray()).isEqualTo(JSON);
    WebhookTarget sent = WebhookTarget.of("127.0.0.1:" + server.getLocalPort(), "/vipps/webhook?shop=1");
    assertThat(verify(SECRET, sent, head, JSON)).isEqualTo(WebhookSignatureResult.VALID);
    assertThat(verify("another-secret", sent, head, JSON)).isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void signedWithPublicUrlSignsForThatUrlPlusTheTargetAsVippsDoesBehindAProxy() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    CompletableFuture<Seen> seen = receiveOnce(body);

    LoopbackHttpClient.from("127.0.0.2")
        .request("POST", server.getLocalPort(), "/vipps/webhook")
        .body(JSON)
        .publicUrl("https://shop.example.com/prefix")
        .signedWith(WebhookSigner.of(SECRET))
        .send();

    String head = seen.get(10, TimeUnit.SECONDS).head();
    assertThat(verify(SECRET, WebhookTarget.parse("https://shop.example.com/prefix/vipps/webhook"), head, JSON))
        .isEqualTo(WebhookSignatureResult.VALID);
    assertThat(verify(SECRET, WebhookTarget.of("127.0.0.1:" + server.getLocalPort(), "/vipps/webhook"), head, JSON))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void signedWithReplacesSignatureHeadersTheTestSetAndKeepsOthers() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    CompletableFuture<Seen> seen = receiveOnce(body);

    LoopbackHttpClient.from("127.0.0.2")
        .request("POST", server.getLocalPort(), "/vipps/webhook")
        .header("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=forged")
        .header("X-Request-Id", "42")
        .body(JSON)
        .signedWith(SECRET)
        .send();

    String head = seen.get(10, TimeUnit.SECONDS).head();
    assertThat(head).doesNotContain("forged").contains("\r\nX-Request-Id: 42\r\n");
    assertThat(verify(SECRET, WebhookTarget.of("127.0.0.1:" + server.getLocalPort(), "/vipps/webhook"), head, JSON))
        .isEqualTo(WebhookSignatureResult.VALID);
  }

  @Test
  void publicUrlWithAQueryIsRefusedNamingTheValue() {
    LoopbackHttpClient.Request request = LoopbackHttpClient.from("127.0.0.2").request("POST", 8080, "/x");

    assertThatThrownBy(() -> request.publicUrl("https://shop.example.com/?a=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publicUrl")
        .hasMessageContaining("https://shop.example.com/?a=1");
  }
}
