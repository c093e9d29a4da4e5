package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.testfixtures.GuardTexts;
import io.github.vippscallback.testfixtures.LogCapture;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both filters in front of one servlet in a real Tomcat, as the documentation maps them: the address
 * filter first, the signature filter second. Real HTTP from loopback source addresses; the request
 * servers answered by a DNS server on loopback (callback-mt-1.vipps.no is 127.0.0.2). Enforcing, each
 * refuses what it should and the body is read only for an allowed address; in report-only mode every
 * request reaches the servlet with its exact body, and is logged and counted as it would have been
 * refused.
 */
class AddressAndSignatureChainTest {

  private static final String WEBHOOK = "/vipps/webhook";
  private static final String SECRET = "chain-test-secret-3b9d-never-logged";
  private static final String ALLOWED = "127.0.0.2";
  private static final String STRANGER = "127.0.0.9";
  private static final String BODY = "{\"msn\":\"123456\",\"reference\":\"order-42\",\"name\":\"AUTHORIZED\"}";
  private static final int MAX_BODY_SIZE = 1024;

  @TempDir Path baseDir;

  @RegisterExtension
  final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 300, ALLOWED);

  private @Nullable VippsAllowlist allowlist;
  private @Nullable GuardedTomcat tomcat;
  private final RecordingObserver observer = new RecordingObserver();
  private final LogCapture guardLog = LogCapture.of(CallbackGuard.class);
  private final LogCapture signatureLog = LogCapture.of(VippsWebhookSignatureFilter.class, WebhookSignatureCheck.class);
  private final LogCapture callbackFilterLog = LogCapture.of(VippsCallbackFilter.class);

  @AfterEach
  void stopAll() throws Exception {
    guardLog.close();
    signatureLog.close();
    callbackFilterLog.close();
    if (tomcat != null) {
      tomcat.close();
    }
    if (allowlist != null) {
      allowlist.close();
    }
  }

  private GuardedTomcat server() {
    return Objects.requireNonNull(tomcat, "tomcat was not started");
  }

  /** Both filters built in code, in one mode, counting into {@link #observer}. */
  private void startChain(EnforcementMode mode) throws Exception {
    VippsAllowlist started = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .queryTimeout(Duration.ofMillis(500))
        .build();
    allowlist = started;
    started.start();
    started.awaitFirstResolution(Duration.ofSeconds(30));
    VippsCallbackFilter addressFilter = VippsCallbackFilter.builder(started)
        .observer(observer)
        .mode(mode)
        .build();
    VippsWebhookSignatureFilter signatureFilter = VippsWebhookSignatureFilter
        .builder(WebhookSignatureVerifier.of(SECRET))
        .maxBodySize(MAX_BODY_SIZE)
        .observer(observer)
        .mode(mode)
        .build();
    tomcat = GuardedTomcat.start(baseDir,
        List.of(GuardedTomcat.definitionOf(addressFilter), GuardedTomcat.definitionOf(signatureFilter)));
    // Each filter says at start-up, once, when it does not enforce; the tests then watch request lines.
    int startUpWarnings = mode.enforces() ? 0 : 1;
    assertThat(callbackFilterLog.messages(Level.WARN)).hasSize(startUpWarnings)
        .allSatisfy(line -> assertThat(line).contains("is in report-only mode"));
    assertThat(signatureLog.messages(Level.WARN)).hasSize(startUpWarnings)
        .allSatisfy(line -> assertThat(line).contains("is in report-only mode"));
    signatureLog.clear();
  }

  /** The headers Vipps would send for this body to this Tomcat (Host is 127.0.0.1:port). */
  private Map<String, String> signed(String secret, byte[] body) {
    return WebhookSigner.of(secret).sign("http://127.0.0.1:" + server().port() + WEBHOOK, body).asMap();
  }

  private LoopbackHttpResponse post(String source, byte[] body, Map<String, String> headers) throws Exception {
    LoopbackHttpClient.Request request = LoopbackHttpClient.from(source)
        .request("POST", server().port(), WEBHOOK)
        .header("Content-Type", "application/json")
        .body(body);
    headers.forEach(request::header);
    return request.send();
  }

  /** Sends the body chunked, so only reading it can tell its size. */
  private LoopbackHttpResponse postChunked(String source, byte[] body, Map<String, String> headers)
      throws Exception {
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    for (int offset = 0; offset < body.length; offset += 500) {
      int length = Math.min(500, body.length - offset);
      chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunked.write(body, offset, length);
      chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    Map<String, String> withEncoding = new HashMap<>(headers);
    withEncoding.put("Transfer-Encoding", "chunked");
    return post(source, chunked.toByteArray(), withEncoding);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String echoed(byte[] body) {
    return GuardedTomcat.GUARDED_BODY + ": " + new String(body, StandardCharsets.UTF_8);
  }

  @Test
  void enforcingPassesASignedRequestFromAVippsServerWithItsExactBody() throws Exception {
    startChain(EnforcementMode.ENFORCE);
    byte[] body = bytes(BODY);

    LoopbackHttpResponse response = post(ALLOWED, body, signed(SECRET, body));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(echoed(body));
    assertThat(observer.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }

  @Test
  void enforcingDeniesAStrangerWith403BeforeTheSignatureFilterReadsTheBody() throws Exception {
    startChain(EnforcementMode.ENFORCE);
    byte[] body = bytes(BODY);

    LoopbackHttpResponse response = post(STRANGER, body, signed(SECRET, body));

    assertThat(response.status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
    assertThat(observer.count(CallbackOutcome.DENIED)).isEqualTo(1);
    // The signature filter never ran: it neither logged nor counted anything.
    assertThat(signatureLog.messages(Level.WARN)).isEmpty();
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
  }

  @Test
  void enforcingRefusesABadSignatureFromAVippsServerWith401AndCountsIt() throws Exception {
    startChain(EnforcementMode.ENFORCE);
    byte[] body = bytes(BODY);

    LoopbackHttpResponse response = post(ALLOWED, body, signed("some-other-secret", body));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isEqualTo("HMAC-SHA256");
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":401", "\"detail\":\"" + GuardTexts.UNAUTHORIZED_DETAIL);
    assertThat(server().guarded).isEmpty();
    assertThat(observer.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(signatureLog.messages(Level.WARN)).singleElement().asString()
        .startsWith("Vipps webhook refused: ")
        .contains("reason=\"the signature does not match\"");
  }

  @Test
  void enforcingRefusesAChunkedBodyOverTheLimitWith413AndCountsIt() throws Exception {
    startChain(EnforcementMode.ENFORCE);
    byte[] big = bytes("x".repeat(MAX_BODY_SIZE * 3));

    LoopbackHttpResponse response = postChunked(ALLOWED, big, signed(SECRET, big));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.body()).contains("\"status\":413");
    assertThat(server().guarded).isEmpty();
    assertThat(observer.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void reportOnlyLetsADeniedAddressWithABadSignatureThroughLogsBothAndCountsThemAsDeniedAndSignatureInvalid()
      throws Exception {
    startChain(EnforcementMode.REPORT_ONLY);
    byte[] body = bytes(BODY);

    LoopbackHttpResponse response = post(STRANGER, body, signed("some-other-secret", body));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(echoed(body));
    assertThat(server().guarded).containsExactly("POST " + WEBHOOK);
    assertThat(observer.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(observer.count(CallbackOutcome.ALLOWED)).isZero();
    assertThat(guardLog.messages(Level.WARN)).singleElement().asString()
        .startsWith("Vipps callback would have been denied (403) but was let through (report-only): ")
        .contains("client=\"" + STRANGER + "\"", "reason=\"" + GuardTexts.REASON_NOT_ALLOWED + "\"");
    assertThat(signatureLog.messages(Level.WARN)).singleElement().asString()
        .startsWith("Vipps webhook would have been refused but was let through (report-only): ")
        .contains("reason=\"the signature does not match\"")
        .doesNotContain(SECRET);
  }

  @Test
  void reportOnlyLetsAnUnsignedRequestThroughWithItsBodyUnread() throws Exception {
    startChain(EnforcementMode.REPORT_ONLY);
    byte[] body = bytes(BODY);

    LoopbackHttpResponse response = post(ALLOWED, body, Map.of());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(echoed(body));
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(signatureLog.messages(Level.WARN)).singleElement().asString()
        .contains("reason=\"no Authorization header\"");
  }

  @Test
  void reportOnlyPassesAChunkedBodyOverTheLimitWholeAndCountsIt() throws Exception {
    startChain(EnforcementMode.REPORT_ONLY);
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < MAX_BODY_SIZE * 3; i++) {
      text.append(i).append(','); // every byte distinct in place: a lost or repeated chunk would show
    }
    byte[] big = bytes(text.toString());

    LoopbackHttpResponse response = postChunked(ALLOWED, big, signed(SECRET, big));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(echoed(big));
    assertThat(observer.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
    assertThat(signatureLog.messages(Level.WARN)).singleElement().asString()
        .contains("would have been refused", "reason=\"body larger than " + MAX_BODY_SIZE + " bytes\"");
  }

  @Test
  void reportOnlyPassesABodyAnnouncedOverTheLimitWholeAndCountsIt() throws Exception {
    startChain(EnforcementMode.REPORT_ONLY);
    byte[] big = bytes("y".repeat(MAX_BODY_SIZE + 1));

    LoopbackHttpResponse response = post(ALLOWED, big, signed(SECRET, big));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(echoed(big));
    assertThat(observer.count(CallbackOutcome.BODY_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void reportOnlyStillPassesAValidRequestWithoutLoggingIt() throws Exception {
    startChain(EnforcementMode.REPORT_ONLY);
    byte[] body = bytes(BODY);

    LoopbackHttpResponse response = post(ALLOWED, body, signed(SECRET, body));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(echoed(body));
    assertThat(observer.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
    assertThat(guardLog.messages(Level.WARN)).isEmpty();
    assertThat(signatureLog.messages(Level.WARN)).isEmpty();
  }

  @Test
  void reportOnlyByInitParametersOnBothFiltersLetsThroughAndLogs() throws Exception {
    Map<String, String> addressParameters = Map.of(
        VippsCallbackFilter.PARAM_ENVIRONMENT, "test",
        VippsCallbackFilter.PARAM_DNS_SERVERS, dns.address(),
        // the scripted answer is a loopback address, where the test requests come from
        VippsCallbackFilter.PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, "true",
        VippsCallbackFilter.PARAM_MODE, "report-only");
    Map<String, String> signatureParameters = Map.of(
        VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, SECRET,
        VippsWebhookSignatureFilter.PARAM_MODE, "Report-Only");
    tomcat = GuardedTomcat.start(baseDir, List.of(
        GuardedTomcat.definitionOf(VippsCallbackFilter.class, addressParameters),
        GuardedTomcat.definitionOf(VippsWebhookSignatureFilter.class, signatureParameters)));
    assertThat(server().applicationAvailable()).isTrue();
    // Both say at start-up that they do not enforce.
    assertThat(callbackFilterLog.messages(Level.WARN)).singleElement().asString().contains("report-only mode");
    assertThat(signatureLog.messages(Level.WARN)).singleElement().asString().contains("report-only mode");
    byte[] body = bytes(BODY);
    // Until the allowlist is ready the guard reports "would have been refused for now (503)"; wait for
    // the first "denied" (polling slower than the log's 5 lines a second, so no line is suppressed).
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
      post(STRANGER, body, Map.of());
      List<String> lines = guardLog.messages(Level.WARN);
      return !lines.isEmpty() && lines.get(lines.size() - 1).contains("would have been denied (403)");
    });
    guardLog.clear();
    signatureLog.clear();

    LoopbackHttpResponse response = post(STRANGER, body, signed("some-other-secret", body));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(echoed(body));
    assertThat(guardLog.messages(Level.WARN)).singleElement().asString()
        .startsWith("Vipps callback would have been denied (403) but was let through (report-only)");
    assertThat(signatureLog.messages(Level.WARN)).singleElement().asString()
        .startsWith("Vipps webhook would have been refused but was let through (report-only)")
        .contains("reason=\"the signature does not match\"");
  }

  @Test
  void enforceByInitParameterDeniesAsByDefault() throws Exception {
    Map<String, String> addressParameters = Map.of(
        VippsCallbackFilter.PARAM_ENVIRONMENT, "test",
        VippsCallbackFilter.PARAM_DNS_SERVERS, dns.address(),
        // the scripted answer is a loopback address, where the test requests come from
        VippsCallbackFilter.PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, "true",
        VippsCallbackFilter.PARAM_MODE, "enforce");
    Map<String, String> signatureParameters = Map.of(
        VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, SECRET,
        VippsWebhookSignatureFilter.PARAM_MODE, "enforce");
    tomcat = GuardedTomcat.start(baseDir, List.of(
        GuardedTomcat.definitionOf(VippsCallbackFilter.class, addressParameters),
        GuardedTomcat.definitionOf(VippsWebhookSignatureFilter.class, signatureParameters)));
    byte[] body = bytes(BODY);
    await().atMost(Duration.ofSeconds(30)).until(() -> post(ALLOWED, body, signed(SECRET, body)).status() == 200);

    assertThat(post(STRANGER, body, signed(SECRET, body)).status()).isEqualTo(403);
    assertThat(post(ALLOWED, body, signed("some-other-secret", body)).status()).isEqualTo(401);
    assertThat(callbackFilterLog.messages(Level.WARN)).isEmpty();
  }

  @Test
  void aBadModeInitParameterStopsTheApplication() throws Exception {
    tomcat = GuardedTomcat.start(baseDir, List.of(
        GuardedTomcat.definitionOf(VippsWebhookSignatureFilter.class, Map.of(
            VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, SECRET,
            VippsWebhookSignatureFilter.PARAM_MODE, "dry-run"))));

    assertThat(server().applicationAvailable()).isFalse();
    byte[] body = bytes(BODY);
    assertThat(post(ALLOWED, body, Map.of()).status()).isNotEqualTo(200);
    assertThat(server().guarded).isEmpty();
  }
}
