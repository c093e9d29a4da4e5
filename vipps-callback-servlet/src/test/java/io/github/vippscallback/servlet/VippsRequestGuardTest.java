package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.guard.GuardVerdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard on its own, as the Spring Boot starter uses it, over an allowlist of configured addresses
 * only (never started: no DNS at all).
 */
class VippsRequestGuardTest {

  private final VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
      .additionalAddresses(List.of("127.0.0.2", "2001:db8::/32"))
      .build();

  @AfterEach
  void close() {
    allowlist.close();
  }

  /** A request with a peer address and headers; reading the headers is counted. */
  private static HttpServletRequest request(
      String peer, Map<String, List<String>> headers, AtomicInteger headerReads) {
    return (HttpServletRequest) Proxy.newProxyInstance(
        VippsRequestGuardTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, invoked, arguments) -> switch (invoked.getName()) {
          case "getRemoteAddr" -> peer;
          case "getMethod" -> "POST";
          case "getRequestURI" -> "/vipps/callback";
          case "getHeaders" -> {
            headerReads.incrementAndGet();
            yield Collections.enumeration(headers.getOrDefault((String) arguments[0], List.of()));
          }
          default -> throw new AssertionError("the guard should not call " + invoked.getName());
        });
  }

  /** A response that must not be written to. */
  private static HttpServletResponse untouchable() {
    return (HttpServletResponse) Proxy.newProxyInstance(
        VippsRequestGuardTest.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class},
        (proxy, invoked, arguments) -> {
          throw new AssertionError("the response should not be touched: " + invoked.getName());
        });
  }

  @Test
  void checkGivesTheOutcomeAndTheCanonicalClientAddress() {
    RecordingObserver observer = new RecordingObserver();
    VippsRequestGuard guard = VippsRequestGuard.of(
        allowlist, ClientAddressResolver.ignoringForwardedHeaders(), observer, Duration.ofSeconds(5));

    GuardVerdict allowed = guard.check(request("2001:DB8:0:0::7", Map.of(), new AtomicInteger()));
    GuardVerdict denied = guard.check(request("127.0.0.9", Map.of(), new AtomicInteger()));

    assertThat(allowed).isEqualTo(new GuardVerdict(CallbackOutcome.ALLOWED, "2001:db8::7"));
    assertThat(allowed.allowed()).isTrue();
    assertThat(denied).isEqualTo(new GuardVerdict(CallbackOutcome.DENIED, "127.0.0.9"));
    assertThat(observer.count(CallbackOutcome.ALLOWED)).isEqualTo(1);
    assertThat(observer.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(guard.allowlist()).isSameAs(allowlist);
  }

  @Test
  void reportOnlyGivesTheSameVerdictButLetsEveryRequestThrough() {
    RecordingObserver observer = new RecordingObserver();
    VippsRequestGuard reportOnly = VippsRequestGuard.of(allowlist, ClientAddressResolver.ignoringForwardedHeaders(),
        observer, Duration.ofSeconds(5), EnforcementMode.REPORT_ONLY);
    VippsRequestGuard enforcing = VippsRequestGuard.of(
        allowlist, ClientAddressResolver.ignoringForwardedHeaders(), CallbackObserver.NONE, Duration.ofSeconds(5));

    GuardVerdict denied = reportOnly.check(request("127.0.0.9", Map.of(), new AtomicInteger()));
    GuardVerdict allowed = reportOnly.check(request("127.0.0.2", Map.of(), new AtomicInteger()));

    assertThat(denied).isEqualTo(new GuardVerdict(CallbackOutcome.DENIED, "127.0.0.9"));
    assertThat(reportOnly.letsThrough(denied)).isTrue();
    assertThat(reportOnly.letsThrough(allowed)).isTrue();
    assertThat(reportOnly.mode()).isEqualTo(EnforcementMode.REPORT_ONLY);
    assertThat(observer.count(CallbackOutcome.DENIED)).isEqualTo(1);
    assertThat(enforcing.mode()).isEqualTo(EnforcementMode.ENFORCE);
    assertThat(enforcing.letsThrough(denied)).isFalse();
    assertThat(enforcing.letsThrough(new GuardVerdict(CallbackOutcome.UNAVAILABLE, null))).isFalse();
    assertThat(enforcing.letsThrough(allowed)).isTrue();
  }

  @Test
  void readsNoForwardedHeaderWhenNoProxyIsTrusted() {
    AtomicInteger headerReads = new AtomicInteger();
    VippsRequestGuard guard = VippsRequestGuard.of(
        allowlist, ClientAddressResolver.ignoringForwardedHeaders(), CallbackObserver.NONE, Duration.ofSeconds(5));

    CallbackOutcome outcome = guard.decide(
        request("127.0.0.2", Map.of("X-Forwarded-For", List.of("127.0.0.9")), headerReads));

    assertThat(outcome).isEqualTo(CallbackOutcome.ALLOWED);
    assertThat(headerReads).hasValue(0);
  }

  @Test
  void readsEveryForwardedHeaderBehindATrustedProxy() {
    VippsRequestGuard guard = VippsRequestGuard.of(
        allowlist, ClientAddressResolver.trusting(List.of("10.0.0.0/8")), CallbackObserver.NONE,
        Duration.ofSeconds(5));

    GuardVerdict verdict = guard.check(request("10.0.0.1",
        Map.of("X-Forwarded-For", List.of("127.0.0.9", "127.0.0.2, 10.0.0.7")), new AtomicInteger()));

    assertThat(verdict).isEqualTo(new GuardVerdict(CallbackOutcome.ALLOWED, "127.0.0.2"));
  }

  @Test
  void anAllowedRequestWithNoTrustedProxyAllocatesNothing() {
    VippsRequestGuard guard = VippsRequestGuard.of(
        allowlist, ClientAddressResolver.ignoringForwardedHeaders(), CallbackObserver.NONE, Duration.ofSeconds(5));
    HttpServletRequest ipv4 = request("127.0.0.2", Map.of(), new AtomicInteger());
    HttpServletRequest ipv6 = request("2001:db8:0:0:0:0:0:1", Map.of(), new AtomicInteger());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);

    int allowed = 0;
    for (int round = 0; round < 20_000; round++) { // warm-up, also lets the JIT compile
      allowed += guard.decide(ipv4) == CallbackOutcome.ALLOWED ? 1 : 0;
      allowed += guard.decide(ipv6) == CallbackOutcome.ALLOWED ? 1 : 0;
    }
    long fewest = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) { // the quietest run, so a rare JVM-internal allocation cannot fail it
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int round = 0; round < 10_000; round++) {
        allowed += guard.decide(ipv4) == CallbackOutcome.ALLOWED ? 1 : 0;
        allowed += guard.decide(ipv6) == CallbackOutcome.ALLOWED ? 1 : 0;
      }
      fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
    }

    assertThat(allowed).isEqualTo(2 * 20_000 + 5 * 2 * 10_000);
    assertThat(fewest).as("bytes allocated by 20,000 allowed requests").isZero();
  }

  @Test
  void readsAnIpv6PeerInBracketsAsJettyGivesItAsTheLiteralInside() {
    RecordingObserver observer = new RecordingObserver();
    VippsRequestGuard guard = VippsRequestGuard.of(
        allowlist, ClientAddressResolver.ignoringForwardedHeaders(), observer, Duration.ofSeconds(5));

    GuardVerdict vipps = guard.check(request("[2001:db8:0:0:0:0:0:7]", Map.of(), new AtomicInteger()));
    GuardVerdict stranger = guard.check(request("[0:0:0:0:0:0:0:1]", Map.of(), new AtomicInteger()));

    assertThat(vipps).isEqualTo(new GuardVerdict(CallbackOutcome.ALLOWED, "2001:db8::7"));
    assertThat(stranger).isEqualTo(new GuardVerdict(CallbackOutcome.DENIED, "::1"));
    assertThat(observer.count(CallbackOutcome.PEER_ADDRESS_UNREADABLE)).isZero();
  }

  @Test
  void readsABracketedIpv6TrustedProxyAndTheClientItForwards() {
    VippsRequestGuard guard = VippsRequestGuard.of(allowlist, ClientAddressResolver.trusting(List.of("::1")),
        CallbackObserver.NONE, Duration.ofSeconds(5));

    GuardVerdict forwardedVipps = guard.check(request("[0:0:0:0:0:0:0:1]",
        Map.of("X-Forwarded-For", List.of("127.0.0.2")), new AtomicInteger()));
    GuardVerdict forwardedStranger = guard.check(request("[0:0:0:0:0:0:0:1]",
        Map.of("X-Forwarded-For", List.of("127.0.0.9")), new AtomicInteger()));

    assertThat(forwardedVipps).isEqualTo(new GuardVerdict(CallbackOutcome.ALLOWED, "127.0.0.2"));
    assertThat(forwardedStranger).isEqualTo(new GuardVerdict(CallbackOutcome.DENIED, "127.0.0.9"));
  }

  @Test
  void refusesAPeerThatIsNotAnIpLiteralWithItsOwnOutcomeEvenBeforeTheAllowlistIsReady() {
    VippsAllowlist nothingResolved = VippsAllowlist.builder(VippsEnvironment.TEST).build(); // never started
    try {
      for (VippsAllowlist list : List.of(allowlist, nothingResolved)) {
        for (String trusted : List.of("", "10.0.0.0/8")) {
          RecordingObserver observer = new RecordingObserver();
          VippsRequestGuard guard = VippsRequestGuard.of(list,
              ClientAddressResolver.trusting(trusted.isEmpty() ? List.of() : List.of(trusted)), observer,
              Duration.ofSeconds(5));
          for (String peer : List.of("[127.0.0.2]", "[[2001:db8::7]]", "[2001:db8::7]:443", "[fe80::1%eth0]",
              "localhost", "127.0.0.2 ", "")) {
            assertThat(guard.check(request(peer, Map.of("X-Forwarded-For", List.of("127.0.0.2")),
                new AtomicInteger())).outcome()).as("peer \"%s\"", peer)
                .isEqualTo(CallbackOutcome.PEER_ADDRESS_UNREADABLE);
          }
          assertThat(observer.count(CallbackOutcome.PEER_ADDRESS_UNREADABLE)).isEqualTo(7);
          assertThat(observer.count(CallbackOutcome.DENIED) + observer.count(CallbackOutcome.UNAVAILABLE)).isZero();
        }
      }
    } finally {
      nothingResolved.close();
    }
  }

  @Test
  void refusesARetryAfterShorterThanOneSecond() {
    assertThatThrownBy(() -> VippsRequestGuard.of(allowlist, ClientAddressResolver.ignoringForwardedHeaders(),
        CallbackObserver.NONE, Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryAfter is PT0.999S; valid: at least 1 second (PT1S)");
    assertThatThrownBy(() -> VippsCallbackFilter.builder(allowlist).retryAfter(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retryAfter is PT0S");
  }

  @Test
  void refusesToRejectAnAllowedVerdict() {
    VippsRequestGuard guard = VippsRequestGuard.of(
        allowlist, ClientAddressResolver.ignoringForwardedHeaders(), CallbackObserver.NONE, Duration.ofSeconds(5));

    assertThatThrownBy(() -> guard.reject(new GuardVerdict(CallbackOutcome.ALLOWED, "127.0.0.2"),
        request("127.0.0.2", Map.of(), new AtomicInteger()), untouchable()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
