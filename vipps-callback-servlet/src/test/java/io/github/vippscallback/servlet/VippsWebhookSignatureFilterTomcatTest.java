package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.testfixtures.LogCapture;
import io.github.vippscallback.webhook.WebhookSignatureHeaders;
import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookSigner;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signature filter in a real Tomcat 11, over real HTTP from 127.0.0.1. */
class VippsWebhookSignatureFilterTomcatTest {

  private static final String SECRET = "test-secret-7f3a9c1e-never-in-logs";
  private static final Instant NOW = Instant.parse("2026-11-23T19:45:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final WebhookSigner SIGNER = WebhookSigner.of(SECRET).withClock(CLOCK);
  private static final byte[] BODY =
      "{\"msn\":\"123456\",\"reference\":\"order-42\",\"name\":\"AUTHORIZED\",\"text\":\"blåbærsyltetøy\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final int MAX_BODY_SIZE = 1024;

  private static final List<String> observed = new CopyOnWriteArrayList<>();
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static WebhookSignatureTomcat tomcat;

  @BeforeAll
  static void startTomcat() throws Exception {
    CallbackObserver observer =
        new CallbackObserver() {
          @Override
          public void onSignatureChecked(WebhookSignatureResult result) {
            observed.add(result.name());
          }

          @Override
          public void onOutcome(CallbackOutcome outcome) {
            if (outcome == CallbackOutcome.BODY_TOO_LARGE) {
              observed.add("BODY_TOO_LARGE");
            }
          }
        };
    tomcat =
        WebhookSignatureTomcat.start(
            VippsWebhookSignatureFilter.builder(
                    WebhookSignatureVerifier.builder(SECRET).clock(CLOCK).build())
                .maxBodySize(MAX_BODY_SIZE)
                .observer(observer)
                .build());
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    tomcat.close();
  }

  @BeforeEach
  void forgetObserved() {
    observed.clear();
  }

  private static HttpResponse<byte[]> post(String pathAndQuery, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tomcat.url(pathAndQuery)))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, String> signedFor(String pathAndQuery, byte[] body) {
    return SIGNER.sign(tomcat.url(pathAndQuery), body).asMap();
  }

  private static void assertUnauthorizedProblem(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("HMAC-SHA256");
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("\"status\":401")
        .contains("\"title\":\"Unauthorized\"")
        .contains("\"instance\":\"/vipps/")
        .doesNotContain(SECRET);
  }

  @Test
  void passesValidSignatureAndHandsExactBodyToServlet() throws Exception {
    int callsBefore = tomcat.servletCalls();

    HttpResponse<byte[]> response = post("/vipps/webhook?order=42", BODY, signedFor("/vipps/webhook?order=42", BODY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(BODY);
    assertThat(response.headers().firstValue("X-Second-Read-Matches")).hasValue("true");
    assertThat(response.headers().firstValue("X-Reader-Body-Matches")).hasValue("true");
    assertThat(response.headers().firstValue("X-Content-Length-Seen")).hasValue(Integer.toString(BODY.length));
    assertThat(tomcat.servletCalls()).isEqualTo(callsBefore + 1);
    assertThat(observed).containsExactly("VALID");
  }

  @Test
  void passesEmptyBodyWhenSignedAsEmpty() throws Exception {
    HttpResponse<byte[]> response = post("/vipps/webhook", new byte[0], signedFor("/vipps/webhook", new byte[0]));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void refusesTamperedBodyWithoutCallingServlet() throws Exception {
    int callsBefore = tomcat.servletCalls();
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("AUTHORIZED", "CAPTURED")
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> response = post("/vipps/webhook", tampered, signedFor("/vipps/webhook", BODY));

    assertUnauthorizedProblem(response);
    assertThat(tomcat.servletCalls()).isEqualTo(callsBefore);
    assertThat(observed).containsExactly("CONTENT_HASH_MISMATCH");
  }

  @Test
  void refusesTamperedDate() throws Exception {
    Map<String, String> headers = new java.util.HashMap<>(signedFor("/vipps/webhook", BODY));
    headers.put("x-ms-date", "Mon, 23 Nov 2026 19:45:01 GMT");

    assertUnauthorizedProblem(post("/vipps/webhook", BODY, headers));
    assertThat(observed).containsExactly("BAD_SIGNATURE");
  }

  @Test
  void refusesDateOutsideWindow() throws Exception {
    Map<String, String> headers =
        WebhookSigner.of(SECRET)
            .withClock(Clock.fixed(NOW.minus(Duration.ofMinutes(6)), ZoneOffset.UTC))
            .sign(tomcat.url("/vipps/webhook"), BODY)
            .asMap();

    assertUnauthorizedProblem(post("/vipps/webhook", BODY, headers));
    assertThat(observed).containsExactly("DATE_OUTSIDE_WINDOW");
  }

  @Test
  void refusesRequestToOtherPathOrQueryThanSigned() throws Exception {
    assertUnauthorizedProblem(post("/vipps/other", BODY, signedFor("/vipps/webhook", BODY)));
    assertUnauthorizedProblem(post("/vipps/webhook?order=43", BODY, signedFor("/vipps/webhook?order=42", BODY)));
    assertThat(observed).containsExactly("BAD_SIGNATURE", "BAD_SIGNATURE");
  }

  @Test
  void refusesRequestSignedForOtherHostOrPort() throws Exception {
    Map<String, String> otherHost = SIGNER.sign("http://shop.example.com:" + tomcat.port() + "/vipps/webhook", BODY).asMap();
    Map<String, String> otherPort = SIGNER.sign("http://127.0.0.1:1/vipps/webhook", BODY).asMap();

    assertUnauthorizedProblem(post("/vipps/webhook", BODY, otherHost));
    assertUnauthorizedProblem(post("/vipps/webhook", BODY, otherPort));
  }

  @Test
  void refusesTamperedSignatureOrOtherSecret() throws Exception {
    WebhookSignatureHeaders signed = SIGNER.sign(tomcat.url("/vipps/webhook"), BODY);
    Map<String, String> tampered = new java.util.HashMap<>(signed.asMap());
    String authorization = signed.authorization();
    char last = authorization.charAt(authorization.length() - 2);
    tampered.put("Authorization", authorization.substring(0, authorization.length() - 2) + (last == 'A' ? 'B' : 'A') + "=");
    Map<String, String> otherSecret =
        WebhookSigner.of("another-secret").withClock(CLOCK).sign(tomcat.url("/vipps/webhook"), BODY).asMap();

    assertUnauthorizedProblem(post("/vipps/webhook", BODY, tampered));
    assertUnauthorizedProblem(post("/vipps/webhook", BODY, otherSecret));
    assertThat(observed).containsExactly("BAD_SIGNATURE", "BAD_SIGNATURE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-ms-date", "x-ms-content-sha256", "Authorization"})
  void refusesRequestMissingSignatureHeader(String missing) throws Exception {
    Map<String, String> headers = new java.util.HashMap<>(signedFor("/vipps/webhook", BODY));
    headers.remove(missing);

    assertUnauthorizedProblem(post("/vipps/webhook", BODY, headers));
    assertThat(observed).singleElement().asString().startsWith("MISSING_");
  }

  @Test
  void refusesUnsignedRequest() throws Exception {
    assertUnauthorizedProblem(post("/vipps/webhook", BODY, Map.of()));
    assertThat(observed).containsExactly("MISSING_AUTHORIZATION");
  }

  @Test
  void refusesBodyOverLimitAnnouncedByContentLengthWith413() throws Exception {
    byte[] big = new byte[MAX_BODY_SIZE + 1];
    int callsBefore = tomcat.servletCalls();

    HttpResponse<byte[]> response = post("/vipps/webhook", big, signedFor("/vipps/webhook", big));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":413");
    assertThat(tomcat.servletCalls()).isEqualTo(callsBefore);
    assertThat(observed).containsExactly("BODY_TOO_LARGE");
  }

  @Test
  void refusesChunkedBodyOverLimitWith413() throws Exception {
    byte[] big = new byte[MAX_BODY_SIZE * 4];
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tomcat.url("/vipps/webhook")))
            .timeout(Duration.ofSeconds(20))
            // An input-stream publisher has no known length: the client sends it chunked.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    signedFor("/vipps/webhook", big).forEach(request::header);

    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(observed).containsExactly("BODY_TOO_LARGE");
  }

  @Test
  void refusesUnsignedChunkedBodyWith401BeforeReadingIt() throws Exception {
    // Over the limit but chunked: only reading the body could tell, and an unsigned request is
    // refused (401, not 413) before its body is read.
    byte[] big = new byte[MAX_BODY_SIZE * 4];
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tomcat.url("/vipps/webhook")))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();

    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertUnauthorizedProblem(response);
    assertThat(observed).containsExactly("MISSING_AUTHORIZATION");
  }

  @Test
  void passesBodyOfExactlyTheLimit() throws Exception {
    byte[] exact = new byte[MAX_BODY_SIZE];
    java.util.Arrays.fill(exact, (byte) 'x');

    HttpResponse<byte[]> response = post("/vipps/webhook", exact, signedFor("/vipps/webhook", exact));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(exact);
  }

  @Test
  void logsRefusalWithReasonButNeverSecretOrSignature() throws Exception {
    LogCapture logs = LogCapture.of(VippsWebhookSignatureFilter.class, WebhookSignatureCheck.class);
    WebhookSignatureHeaders signed = SIGNER.sign(tomcat.url("/vipps/webhook"), BODY);
    Map<String, String> headers = signed.asMap();
    String signature = signed.authorization().substring(signed.authorization().indexOf("Signature=") + 10);
    try (WebhookSignatureTomcat own =
        WebhookSignatureTomcat.start(
            VippsWebhookSignatureFilter.builder(
                    WebhookSignatureVerifier.builder(SECRET).clock(CLOCK).build())
                .build())) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(own.url("/vipps/webhook")))
              .POST(HttpRequest.BodyPublishers.ofByteArray(BODY));
      headers.forEach(request::header);
      // Signed for the shared Tomcat's port, sent to this one's: a bad signature.
      assertThat(client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    } finally {
      logs.close();
    }

    assertThat(logs.events()).singleElement().satisfies(event -> {
      assertThat(event.getLevel().toString()).isEqualTo("WARN");
      assertThat(event.getFormattedMessage())
          .contains("reason=\"the signature does not match\"")
          .contains("path=\"/vipps/webhook\"")
          .contains("peer=\"127.0.0.1\"")
          .doesNotContain(SECRET)
          .doesNotContain(signature);
    });
  }
}
