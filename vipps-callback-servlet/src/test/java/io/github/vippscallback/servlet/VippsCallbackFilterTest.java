package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.testfixtures.GuardTexts;
import io.github.vippscallback.testfixtures.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter built programmatically, in a real Tomcat, over real HTTP from real loopback source
 * addresses, with the request servers answered by a DNS server on loopback: callback-mt-1.vipps.no is
 * 127.0.0.2 and ::1, callback-mt-2.vipps.no does not exist.
 */
class VippsCallbackFilterTest {

  private static final String CALLBACK = "/vipps/callback";
  private static final String TRUSTED_PROXY = "127.0.0.5";

  @TempDir Path baseDir;

  @RegisterExtension
  final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 300, "127.0.0.2", "::1");

  private @Nullable VippsAllowlist allowlist;
  private @Nullable GuardedTomcat tomcat;
  private final RecordingObserver observer = new RecordingObserver();

  @AfterEach
  void stopAll() throws Exception {
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

  private VippsAllowlist allowlist() {
    return Objects.requireNonNull(allowlist, "allowlist was not built");
  }

  /** Starts an allowlist over the loopback DNS, waits for its first answers, and Tomcat with the filter. */
  private void startGuarded(ClientAddressResolver resolver) throws Exception {
    allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .queryTimeout(Duration.ofMillis(500))
        .build();
    allowlist().start();
    allowlist().awaitFirstResolution(Duration.ofSeconds(30));
    VippsCallbackFilter filter = VippsCallbackFilter.builder(allowlist())
        .clientAddressResolver(resolver)
        .observer(observer)
        .retryAfter(Duration.ofSeconds(30))
        .build();
    tomcat = GuardedTomcat.start(baseDir, filter);
  }

  private void startGuarded() throws Exception {
    startGuarded(ClientAddressResolver.ignoringForwardedHeaders());
  }

  private LoopbackHttpResponse post(String source, Map<String, String> headers) throws Exception {
    return LoopbackHttpClient.from(source).post(server().port(), CALLBACK, headers, "{\"orderId\":\"42\"}",
        "application/json");
  }

  @Test
  void passesARequestFromAVippsRequestServerOnUntouched() throws Exception {
    startGuarded();

    LoopbackHttpResponse response = post("127.0.0.2", Map.of());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(GuardedTomcat.GUARDED_BODY + ": {\"orderId\":\"42\"}");
    assertThat(server().guarded).containsExactly("POST " + CALLBACK);
  }

  @Test
  void passesARequestFromAVippsRequestServerOverIpv6() throws Exception {
    startGuarded();

    LoopbackHttpResponse response = post("::1", Map.of());

    assertThat(response.status()).isEqualTo(200);
    assertThat(server().guarded).containsExactly("POST " + CALLBACK);
  }

  @Test
  void deniesAnyOtherAddressWith403ProblemJsonThatRevealsNeitherTheAllowlistNorTheClient() throws Exception {
    startGuarded();

    LoopbackHttpResponse response = post("127.0.0.9", Map.of());

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("Retry-After")).isNull();
    assertThat(response.body())
        .startsWith("{")
        .contains("\"type\":\"about:blank\"", "\"title\":\"Forbidden\"", "\"status\":403",
            "\"detail\":\"" + GuardTexts.DENIED_DETAIL + "\"", "\"instance\":\"" + CALLBACK + "\"")
        .endsWith("}")
        .doesNotContain("127.0.0.2", "::1", "0:0:0:0:0:0:0:1", "127.0.0.9", "callback-mt", "vipps.no");
    assertThat(server().guarded).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"})
  void deniesEveryMethodFromAnotherAddress(String method) throws Exception {
    startGuarded();

    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.9")
        .request(method, server().port(), CALLBACK)
        .send();

    assertThat(response.status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void answers503WithRetryAfterAndAProblemBodyWhileNoRequestServerAddressIsKnown() throws Exception {
    dns.behave("callback-mt-1.vipps.no", LoopbackDnsServer.Behaviour.SERVFAIL);
    dns.behave("callback-mt-2.vipps.no", LoopbackDnsServer.Behaviour.SERVFAIL);
    startGuarded();
    assertThat(allowlist().isReady()).isFalse();

    // Even the address Vipps would have is refused for now: nothing is known, so nothing is allowed.
    for (String source : List.of("127.0.0.2", "127.0.0.9")) {
      LoopbackHttpResponse response = post(source, Map.of());

      assertThat(response.status()).isEqualTo(503);
      assertThat(response.header("Retry-After")).isEqualTo("30");
      assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
      assertThat(response.body())
          .contains("\"type\":\"about:blank\"", "\"title\":\"Service Unavailable\"", "\"status\":503",
              "Retry later", "\"instance\":\"" + CALLBACK + "\"")
          .doesNotContain("127.0.0.");
    }
    assertThat(server().guarded).isEmpty();
    assertThat(observer.count(CallbackOutcome.UNAVAILABLE)).isEqualTo(2);
  }

  @Test
  void answers503AtOnceWhileDnsNeverAnswersSoARequestNeverWaitsForDns() throws Exception {
    dns.behave("callback-mt-1.vipps.no", LoopbackDnsServer.Behaviour.DROP);
    dns.behave("callback-mt-2.vipps.no", LoopbackDnsServer.Behaviour.DROP);
    allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .queryTimeout(Duration.ofSeconds(30))
        .build();
    allowlist().start(); // its queries hang for 30 s; the request below must not
    tomcat = GuardedTomcat.start(baseDir, VippsCallbackFilter.builder(allowlist()).build());

    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.2").withTimeout(Duration.ofSeconds(10))
        .get(server().port(), CALLBACK);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After"))
        .isEqualTo(String.valueOf(VippsRequestGuard.DEFAULT_RETRY_AFTER.toSeconds()));
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void ignoresSpoofedForwardedHeadersWhenNoProxyIsTrusted() throws Exception {
    startGuarded();

    LoopbackHttpResponse xff = post("127.0.0.9", Map.of("X-Forwarded-For", "127.0.0.2"));
    LoopbackHttpResponse forwarded = post("127.0.0.9", Map.of("Forwarded", "for=127.0.0.2"));

    assertThat(xff.status()).isEqualTo(403);
    assertThat(forwarded.status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void ignoresSpoofedForwardedHeadersFromAPeerThatIsNotATrustedProxy() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY)));

    LoopbackHttpResponse xff = post("127.0.0.9", Map.of("X-Forwarded-For", "127.0.0.2"));
    LoopbackHttpResponse forwarded = post("127.0.0.9", Map.of("Forwarded", "for=\"[::1]\""));

    assertThat(xff.status()).isEqualTo(403);
    assertThat(forwarded.status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void allowsTheClientATrustedProxyChainNames() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY, "10.0.0.0/8")));

    LoopbackHttpResponse oneHop = post(TRUSTED_PROXY, Map.of("X-Forwarded-For", "127.0.0.2"));
    LoopbackHttpResponse twoHops = post(TRUSTED_PROXY, Map.of("X-Forwarded-For", "127.0.0.2, 10.1.2.3"));
    LoopbackHttpResponse forwarded = post(TRUSTED_PROXY, Map.of("Forwarded", "for=\"[::1]\";proto=https"));

    assertThat(oneHop.status()).isEqualTo(200);
    assertThat(twoHops.status()).isEqualTo(200);
    assertThat(forwarded.status()).isEqualTo(200);
    assertThat(server().guarded).hasSize(3);
  }

  @Test
  void readsEveryXForwardedForHeaderLineBehindATrustedProxy() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY, "10.0.0.0/8")));

    LoopbackHttpResponse allowed = LoopbackHttpClient.from(TRUSTED_PROXY)
        .request("POST", server().port(), CALLBACK)
        .header("X-Forwarded-For", "127.0.0.2")
        .header("X-Forwarded-For", "10.1.2.3")
        .send();
    LoopbackHttpResponse denied = LoopbackHttpClient.from(TRUSTED_PROXY)
        .request("POST", server().port(), CALLBACK)
        .header("X-Forwarded-For", "127.0.0.2")
        .header("X-Forwarded-For", "127.0.0.9")
        .send();

    assertThat(allowed.status()).isEqualTo(200);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(server().guarded).hasSize(1);
  }

  @Test
  void deniesASpoofedLeftmostHopBehindATrustedProxy() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY)));

    // The client at 127.0.0.9 claims to be 127.0.0.2; the proxy appended the address it really saw.
    LoopbackHttpResponse response = post(TRUSTED_PROXY, Map.of("X-Forwarded-For", "127.0.0.2, 127.0.0.9"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void deniesAnObfuscatedOrUnparsableHopBehindATrustedProxy() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY)));

    for (String hop : List.of("unknown", "_hidden", "127.0.0.2:443 garbage", "0127.0.0.2", "callback-mt-1.vipps.no")) {
      assertThat(post(TRUSTED_PROXY, Map.of("X-Forwarded-For", hop)).status()).as(hop).isEqualTo(403);
    }
    assertThat(post(TRUSTED_PROXY, Map.of("Forwarded", "for=unknown")).status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void deniesATrustedProxyThatForwardsNoClient() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY)));

    assertThat(post(TRUSTED_PROXY, Map.of()).status()).isEqualTo(403);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void tellsTheObserverOfEveryOutcome() throws Exception {
    startGuarded();

    post("127.0.0.2", Map.of());
    post("::1", Map.of());
    post("127.0.0.9", Map.of());
    post("127.0.0.10", Map.of());
    post("127.0.0.11", Map.of());

    assertThat(observer.count(CallbackOutcome.ALLOWED)).isEqualTo(2);
    assertThat(observer.count(CallbackOutcome.DENIED)).isEqualTo(3);
    assertThat(observer.count(CallbackOutcome.UNAVAILABLE)).isZero();
  }

  @Test
  void answersAsUsualWhenTheObserverThrows() throws Exception {
    allowlist = VippsAllowlist.builder(VippsEnvironment.TEST).dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .build();
    allowlist().start();
    allowlist().awaitFirstResolution(Duration.ofSeconds(30));
    CallbackObserver throwing = outcome -> {
      throw new IllegalStateException("metrics backend down");
    };
    tomcat = GuardedTomcat.start(baseDir, VippsCallbackFilter.builder(allowlist()).observer(throwing).build());

    assertThat(post("127.0.0.2", Map.of()).status()).isEqualTo(200);
    assertThat(post("127.0.0.9", Map.of()).status()).isEqualTo(403);
    assertThat(server().guarded).hasSize(1);
  }

  @Test
  void logsADenialAtWarnWithClientPeerForwardedChainMethodPathAndReason() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY)));

    try (LogCapture log = LogCapture.of(CallbackGuard.class)) {
      post(TRUSTED_PROXY, Map.of("X-Forwarded-For", "127.0.0.9", "Forwarded", "for=127.0.0.9"));

      assertThat(log.messages(Level.WARN)).singleElement().asString()
          .contains("denied (403)", "client=\"127.0.0.9\"", "peer=\"127.0.0.5\"",
              "x-forwarded-for=\"127.0.0.9\"", "forwarded=\"for=127.0.0.9\"", "method=\"POST\"",
              "path=\"/vipps/callback\"", "reason=\"" + GuardTexts.REASON_NOT_ALLOWED + "\"");
    }
  }

  @Test
  void logsNoLineBreaksOrControlCharactersAHostileClientSends() throws Exception {
    startGuarded(ClientAddressResolver.trusting(List.of(TRUSTED_PROXY)));

    try (LogCapture log = LogCapture.of(CallbackGuard.class)) {
      // Bytes 0x85 (NEL, a line break to some log readers) and tab, and a quote to break out of the field.
      LoopbackHttpClient.from(TRUSTED_PROXY).request("GET", server().port(), CALLBACK)
          .header("X-Forwarded-For", "1.2.3.4\u0085 WARN forged line\t\" client=\"127.0.0.2")
          .header("Forwarded", "for=x" + "y".repeat(2000))
          .send();

      String line = log.messages(Level.WARN).get(0);
      assertThat(line)
          .doesNotContain("\r", "\n", "\u0085", "\t")
          .contains("\\u0085 WARN forged line\\u0009\\\" client=\\\"127.0.0.2")
          .contains("reason=\"" + GuardTexts.REASON_NO_CLIENT)
          .contains("more chars)")
          .hasSizeLessThan(2000);
    }
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void logsThatForwardedHeadersWereIgnoredWhenNoProxyIsTrusted() throws Exception {
    startGuarded();

    try (LogCapture log = LogCapture.of(CallbackGuard.class)) {
      post("127.0.0.9", Map.of("X-Forwarded-For", "127.0.0.2"));

      assertThat(log.messages(Level.WARN)).singleElement().asString()
          .contains("client=\"127.0.0.9\"", "x-forwarded-for=\"127.0.0.2\"", GuardTexts.HINT_HEADERS_IGNORED);
    }
  }

  @Test
  void logsAnUnavailableAnswerAtWarnWithItsReason() throws Exception {
    dns.behave("callback-mt-1.vipps.no", LoopbackDnsServer.Behaviour.SERVFAIL);
    startGuarded();

    try (LogCapture log = LogCapture.of(CallbackGuard.class)) {
      post("127.0.0.2", Map.of());

      assertThat(log.messages(Level.WARN)).singleElement().asString()
          .contains("refused for now (503)", "client=\"127.0.0.2\"", GuardTexts.REASON_UNAVAILABLE);
    }
  }

  @Test
  void logsNothingForAnAllowedRequest() throws Exception {
    startGuarded();

    try (LogCapture log = LogCapture.of(CallbackGuard.class)) {
      post("127.0.0.2", Map.of());

      assertThat(log.messages(Level.WARN)).isEmpty();
    }
  }
}
