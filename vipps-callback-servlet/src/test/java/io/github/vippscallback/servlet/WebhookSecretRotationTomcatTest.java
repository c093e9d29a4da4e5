package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.testfixtures.LogCapture;
import io.github.vippscallback.webhook.WebhookSecret;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookSigner;
import io.github.vippscallback.webhook.WebhookTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A webhook secret being rotated, in a real Tomcat with real HTTP from loopback source addresses: the
 * address filter first, then the signature filter configured by init-parameters, as in web.xml, with the
 * secrets of two webhook registrations on one URL. Either is accepted and told apart without revealing
 * it, a third secret and an unsigned request are refused with 401, a stranger is refused by the address
 * filter before any signature work, and every refusal's WARN line names what failed but no secret or
 * signature.
 */
class WebhookSecretRotationTomcatTest {

  private static final String WEBHOOK = "/vipps/webhook";
  // Base64, as Vipps' secrets are.
  private static final String OLD = "b2xkLXJlZ2lzdHJhdGlvbi1zZWNyZXQtMGQ0Mg==";
  private static final String NEW = "bmV3LXJlZ2lzdHJhdGlvbi1zZWNyZXQtOWE3Yg==";
  private static final String THIRD = "dGhpcmQtc2VjcmV0LW5vdC1jb25maWd1cmVk";
  private static final String ALLOWED = "127.0.0.2";
  private static final String STRANGER = "127.0.0.9";
  private static final byte[] BODY =
      "{\"msn\":\"123456\",\"reference\":\"order-42\",\"name\":\"AUTHORIZED\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path baseDir;

  private LoopbackDnsServer dns;
  private @Nullable VippsAllowlist allowlist;
  private @Nullable GuardedTomcat tomcat;
  private final RecordingObserver observer = new RecordingObserver();
  private final LogCapture guardLog = LogCapture.of(CallbackGuard.class);
  private final LogCapture signatureLog = LogCapture.of(VippsWebhookSignatureFilter.class, WebhookSignatureCheck.class);
  private final Logger signatureLogger = (Logger) LoggerFactory.getLogger(WebhookSignatureCheck.class);

  @BeforeEach
  void startDns() throws Exception {
    dns = LoopbackDnsServer.start();
    dns.answer("callback-mt-1.vipps.no", 300, ALLOWED);
    signatureLogger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void stopAll() throws Exception {
    signatureLogger.setLevel(null);
    guardLog.close();
    signatureLog.close();
    if (tomcat != null) {
      tomcat.close();
    }
    if (allowlist != null) {
      allowlist.close();
    }
    dns.close();
  }

  private GuardedTomcat server() {
    return Objects.requireNonNull(tomcat, "tomcat was not started");
  }

  private VippsCallbackFilter addressFilter(EnforcementMode mode) throws Exception {
    VippsAllowlist started = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the loopback DNS answers loopback addresses
        .queryTimeout(Duration.ofMillis(500))
        .build();
    allowlist = started;
    started.start();
    assertThat(started.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
    return VippsCallbackFilter.builder(started).observer(observer).mode(mode).build();
  }

  /**
   * The address filter built in code (counting into {@link #observer}), then a signature filter that
   * the container configures from init-parameters only, like web.xml, with both registrations' secrets.
   */
  private void start(EnforcementMode mode) throws Exception {
    VippsWebhookSignatureFilter signatureFilter = VippsWebhookSignatureFilter
        .builder(WebhookSignatureVerifier.builder(WebhookSecret.parseList("old:" + OLD + ", new:" + NEW))
            .name("init-parameter webhook-secret").build())
        .observer(observer)
        .mode(mode)
        .build();
    tomcat = GuardedTomcat.start(baseDir,
        List.of(GuardedTomcat.definitionOf(addressFilter(mode)), GuardedTomcat.definitionOf(signatureFilter)));
    signatureLog.clear();
    guardLog.clear();
  }

  private Map<String, String> signed(String secret) {
    return WebhookSigner.of(secret).sign("http://127.0.0.1:" + server().port() + WEBHOOK, BODY).asMap();
  }

  private LoopbackHttpResponse post(String source, String path, byte[] body, Map<String, String> headers)
      throws Exception {
    LoopbackHttpClient.Request request = LoopbackHttpClient.from(source)
        .request("POST", server().port(), path)
        .header("Content-Type", "application/json")
        .body(body);
    headers.forEach(request::header);
    return request.send();
  }

  private LoopbackHttpResponse post(String source, Map<String, String> headers) throws Exception {
    return post(source, WEBHOOK, BODY, headers);
  }

  private String onlyWarning() {
    List<String> lines = signatureLog.messages(Level.WARN);
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  private static void assertNoSecretOrSignature(String line, Map<String, String> headers) {
    assertThat(line).doesNotContain(OLD).doesNotContain(NEW).doesNotContain(THIRD);
    String authorization = headers.get("Authorization");
    if (authorization != null) {
      assertThat(line).doesNotContain(authorization.substring(authorization.indexOf("Signature=") + 10));
    }
  }

  @Test
  void bothRegistrationsSecretsAreAcceptedAndWhichOneMatchedIsToldAndLoggedAtDebug() throws Exception {
    start(EnforcementMode.ENFORCE);

    LoopbackHttpResponse old = post(ALLOWED, signed(OLD));
    LoopbackHttpResponse current = post(ALLOWED, signed(NEW));

    assertThat(old.status()).isEqualTo(200);
    assertThat(current.status()).isEqualTo(200);
    assertThat(server().guarded).containsExactly("POST " + WEBHOOK, "POST " + WEBHOOK);
    assertThat(observer.count(CallbackOutcome.ALLOWED)).isEqualTo(2);
    assertThat(observer.matchedSecrets).containsExactly("old", "new");
    assertThat(signatureLog.messages(Level.DEBUG)).hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("'old' secret #1 of 2"))
        .anySatisfy(line -> assertThat(line).contains("'new' secret #2 of 2"))
        .allSatisfy(line -> assertThat(line).doesNotContain(OLD).doesNotContain(NEW)
            .contains("verified-url=\"http://127.0.0.1:" + server().port() + WEBHOOK + "\""));
    assertThat(signatureLog.messages(Level.WARN)).isEmpty();
  }

  @Test
  void aThirdSecretIsRefusedWith401AndTheLineSaysItMatchedNeitherSecretAndTheUrlVerified() throws Exception {
    start(EnforcementMode.ENFORCE);
    Map<String, String> headers = signed(THIRD);

    LoopbackHttpResponse response = post(ALLOWED, headers);

    assertThat(response.status()).isEqualTo(401);
    assertThat(server().guarded).isEmpty();
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    assertThat(observer.matchedSecrets).isEmpty();
    String line = onlyWarning();
    assertThat(line).startsWith("Vipps webhook refused: reason=\"the signature does not match\"")
        .contains("peer=\"" + ALLOWED + "\"", "method=\"POST\"", "path=\"" + WEBHOOK + "\"",
            "secrets=\"matched none of the 2 secrets of init-parameter webhook-secret\"",
            "verified-url=\"http://127.0.0.1:" + server().port() + WEBHOOK + "\"",
            "hint=\"a wrong or mixed-up secret (each webhook registration has its own)");
    assertNoSecretOrSignature(line, headers);
  }

  @Test
  void anUnsignedRequestIsRefusedWith401NamingTheMissingHeader() throws Exception {
    start(EnforcementMode.ENFORCE);

    LoopbackHttpResponse response = post(ALLOWED, Map.of());

    assertThat(response.status()).isEqualTo(401);
    assertThat(server().guarded).isEmpty();
    String line = onlyWarning();
    assertThat(line).contains("reason=\"no Authorization header\"", "verified-url=\"-\"")
        .doesNotContain("hint=");
    assertNoSecretOrSignature(line, Map.of());
  }

  @Test
  void aStaleDateAndAChangedBodyAreRefusedNamingTheCheckThatFailed() throws Exception {
    start(EnforcementMode.ENFORCE);
    WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server().port() + WEBHOOK);
    Map<String, String> stale =
        WebhookSigner.of(NEW).sign(target, BODY, Instant.now().minus(Duration.ofMinutes(6))).asMap();
    Map<String, String> forOtherBody = signed(NEW);
    byte[] changed = "{\"name\":\"CAPTURED\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(post(ALLOWED, stale).status()).isEqualTo(401);
    String staleLine = onlyWarning();
    signatureLog.clear();
    assertThat(post(ALLOWED, WEBHOOK, changed, forOtherBody).status()).isEqualTo(401);
    String changedLine = onlyWarning();

    assertThat(staleLine).contains("reason=\"x-ms-date is outside the allowed window\"",
        "x-ms-date=\"" + stale.get("x-ms-date") + "\"");
    assertNoSecretOrSignature(staleLine, stale);
    assertThat(changedLine).contains("reason=\"x-ms-content-sha256 does not match the body received\"",
        "verified-url=\"http://127.0.0.1:" + server().port() + WEBHOOK + "\"");
    assertNoSecretOrSignature(changedLine, forOtherBody);
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(2);
  }

  @Test
  void aStrangerIsRefusedByTheAddressCheckBeforeAnySignatureWork() throws Exception {
    start(EnforcementMode.ENFORCE);

    LoopbackHttpResponse response = post(STRANGER, signed(NEW));

    assertThat(response.status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
    assertThat(observer.count(CallbackOutcome.DENIED)).isEqualTo(1);
    // No signature work: nothing verified, counted or logged by the signature filter.
    assertThat(observer.matchedSecrets).isEmpty();
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
    assertThat(signatureLog.messages(Level.DEBUG)).isEmpty();
    assertThat(signatureLog.messages(Level.WARN)).isEmpty();
    assertThat(guardLog.messages(Level.WARN)).singleElement().asString().contains("client=\"" + STRANGER + "\"");
  }

  @Test
  void reportOnlyLetsEveryRequestThroughAndCountsEachOutcome() throws Exception {
    start(EnforcementMode.REPORT_ONLY);

    List<Integer> statuses = List.of(
        post(ALLOWED, signed(OLD)).status(),
        post(ALLOWED, signed(NEW)).status(),
        post(ALLOWED, signed(THIRD)).status(),
        post(ALLOWED, Map.of()).status(),
        post(STRANGER, signed(NEW)).status());

    assertThat(statuses).containsOnly(200);
    assertThat(server().guarded).hasSize(5);
    assertThat(observer.count(CallbackOutcome.ALLOWED)).isEqualTo(4);
    assertThat(observer.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(observer.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(2);
    // The stranger's request is signed with the new secret: report-only checks it as well.
    assertThat(observer.matchedSecrets).containsExactly("old", "new", "new");
    assertThat(signatureLog.messages(Level.WARN)).hasSize(2)
        .allSatisfy(line -> assertThat(line)
            .startsWith("Vipps webhook would have been refused but was let through (report-only): ")
            .doesNotContain(OLD).doesNotContain(NEW).doesNotContain(THIRD));
  }

  @Test
  void initParametersTakeASecretListPerPath() throws Exception {
    String refundsOld = "cmVmdW5kcy1vbGQtc2VjcmV0";
    String refundsNew = "cmVmdW5kcy1uZXctc2VjcmV0";
    tomcat = GuardedTomcat.start(baseDir, List.of(
            GuardedTomcat.definitionOf(VippsWebhookSignatureFilter.class,
                Map.of(VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, OLD + "," + NEW)),
            GuardedTomcat.definitionOf(VippsWebhookSignatureFilter.class,
                Map.of(VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, "old:" + refundsOld + ",new:" + refundsNew))),
        List.of("/vipps/payments", "/vipps/refunds"));
    assertThat(server().applicationAvailable()).isTrue();

    for (String secret : List.of(OLD, NEW)) {
      assertThat(post(ALLOWED, "/vipps/payments", BODY, signedFor("/vipps/payments", secret)).status()).isEqualTo(200);
      assertThat(post(ALLOWED, "/vipps/refunds", BODY, signedFor("/vipps/refunds", secret)).status()).isEqualTo(401);
    }
    for (String secret : List.of(refundsOld, refundsNew)) {
      assertThat(post(ALLOWED, "/vipps/refunds", BODY, signedFor("/vipps/refunds", secret)).status()).isEqualTo(200);
      assertThat(post(ALLOWED, "/vipps/payments", BODY, signedFor("/vipps/payments", secret)).status()).isEqualTo(401);
    }
    assertThat(signatureLog.messages(Level.WARN)).hasSize(4)
        .allSatisfy(line -> assertThat(line).doesNotContain(OLD).doesNotContain(NEW)
            .doesNotContain(refundsOld).doesNotContain(refundsNew));
  }

  private Map<String, String> signedFor(String path, String secret) {
    return WebhookSigner.of(secret).sign("http://127.0.0.1:" + server().port() + path, BODY).asMap();
  }

  @Test
  void aBadSecretListInitParameterStopsTheApplication() throws Exception {
    tomcat = GuardedTomcat.start(baseDir, List.of(GuardedTomcat.definitionOf(VippsWebhookSignatureFilter.class,
        Map.of(VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, OLD + ",," + NEW))));

    assertThat(server().applicationAvailable()).isFalse();
    assertThat(post(ALLOWED, signed(OLD)).status()).isNotEqualTo(200);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void behindAProxyWithAPublicUrlTheLineHintsAtTheHostDifference() throws Exception {
    VippsWebhookSignatureFilter signatureFilter = VippsWebhookSignatureFilter
        .builder(WebhookSignatureVerifier.builder(WebhookSecret.parseList(OLD + "," + NEW)).build())
        .publicUrl("https://shop.example.com")
        .build();
    tomcat = GuardedTomcat.start(baseDir, List.of(GuardedTomcat.definitionOf(signatureFilter)));
    // Signed for the public URL with the right secret, but the proxy forwards another path: /vipps/other.
    Map<String, String> headers = new HashMap<>(
        WebhookSigner.of(NEW).sign("https://shop.example.com" + WEBHOOK, BODY).asMap());

    assertThat(post(ALLOWED, "/vipps/other", BODY, headers).status()).isEqualTo(401);

    String line = onlyWarning();
    assertThat(line).contains("verified-url=\"https://shop.example.com/vipps/other\"",
        "host=\"127.0.0.1:" + server().port() + "\"",
        "hint=\"the request arrived for host '127.0.0.1:" + server().port()
            + "' but is verified against host 'shop.example.com' of init-parameter public-url");
    assertNoSecretOrSignature(line, headers);
  }

  @Test
  void withoutAPublicUrlAForwardedRequestHintsThatAPublicUrlIsMissing() throws Exception {
    start(EnforcementMode.ENFORCE);
    Map<String, String> headers = new HashMap<>(
        WebhookSigner.of(NEW).sign("https://shop.example.com" + WEBHOOK, BODY).asMap());
    headers.put("X-Forwarded-Host", "shop.example.com");

    assertThat(post(ALLOWED, headers).status()).isEqualTo(401);

    assertThat(onlyWarning()).contains("hint=\"no init-parameter public-url is set and the request came through"
        + " a proxy");
  }

  @Test
  void aBadSecretListIsRefusedAtInitNamingTheEntryButNeverASecret() {
    for (String value : List.of(OLD + ",," + NEW, OLD + "," + OLD, "bad label:" + OLD, "old:" + OLD + ",old:" + NEW)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new VippsWebhookSignatureFilter()
              .init(MapFilterConfig.of(Map.of(VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, value))))
          .isInstanceOf(jakarta.servlet.ServletException.class)
          .hasMessageStartingWith("VippsWebhookSignatureFilter 'vippsCallback': init-parameter 'webhook-secret' is"
              + " refused: ")
          .hasMessageEndingWith("; valid: one or more secrets separated by commas, each optionally label:secret;"
              + " none blank, none twice")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OLD).doesNotContain(NEW));
    }
  }
}
