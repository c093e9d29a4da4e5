package io.github.vippscallback.test.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          head.write(b);
        }
        socket.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return new Seen(socket.getInetAddress(), head.toString(StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
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
}
