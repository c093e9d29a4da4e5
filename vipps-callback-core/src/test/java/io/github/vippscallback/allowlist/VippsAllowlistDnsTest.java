package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.test.LoopbackDnsServer.Behaviour;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.testfixtures.LogCapture;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allowlist against a real DNS server on loopback (UDP and TCP). */
class VippsAllowlistDnsTest {

  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final String MT1 = "callback-mt-1.vipps.no";
  private static final String MT2 = "callback-mt-2.vipps.no";

  @RegisterExtension
  final LoopbackAllowlists loopback = new LoopbackAllowlists();

  private VippsAllowlist.Builder builder(VippsEnvironment environment) {
    return loopback.builder(environment)
        .acceptSpecialPurposeAddresses(true) // the scripted answers are documentation addresses (192.0.2.x, 2001:db8::x)
        .queryTimeout(Duration.ofSeconds(2))
        .retries(1)
        .minTtl(Duration.ofSeconds(1))
        .maxTtl(Duration.ofSeconds(2));
  }

  private VippsAllowlist started(VippsAllowlist.Builder builder) {
    return loopback.started(builder);
  }

  @Test
  void allowsEveryHostsAAndAaaaAddressesAndDeniesOthers() throws InterruptedException {
    loopback.dns().answer(MT1, 60, "192.0.2.1", "2001:db8::1");
    loopback.dns().answer(MT2, 60, "192.0.2.2");

    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST));

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("192.0.2.2")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("2001:db8::1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("2001:db8:0:0:0:0:0:1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("192.0.2.3")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(allowlist.decide("2001:db8::2")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(allowlist.decide(null)).isEqualTo(AllowlistDecision.DENIED);
    assertThat(allowlist.decide(MT1)).isEqualTo(AllowlistDecision.DENIED);
    assertThat(allowlist.decide("")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(entries(allowlist.status().entries()))
        .containsExactly("192.0.2.1", "192.0.2.2", "2001:db8::1");
  }

  @Test
  void sendsEveryHostsQueriesAtOnceSoStartUpTakesOneRoundTrip() throws InterruptedException {
    VippsEnvironment.PROD.requestServers().forEach(host -> loopback.dns().answer(host, 60, "192.0.2." + host.length()));
    loopback.dns().answer("callback-1.vipps.no", 60, "192.0.2.101");
    loopback.dns().holdAnswers();

    // Each query may wait 30 s for its answer: one host after another could not query them all in time.
    VippsAllowlist allowlist = started(builder(VippsEnvironment.PROD).queryTimeout(Duration.ofSeconds(30)));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (String host : VippsEnvironment.PROD.requestServers()) {
        assertThat(loopback.dns().queryCount(host)).as("queries for %s", host).isEqualTo(2);
      }
    });
    assertThat(allowlist.isReady()).isFalse();
    assertThat(allowlist.decide("192.0.2.101")).isEqualTo(AllowlistDecision.UNAVAILABLE);

    loopback.dns().releaseAnswers();

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    assertThat(allowlist.decide("192.0.2.101")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.status().hosts()).allSatisfy(host -> assertThat(host.addresses()).hasSize(1));
  }

  @Test
  void refreshesAtTheTtlAndPicksUpAChangedAddress() throws InterruptedException {
    loopback.dns().answer(MT1, 1, "192.0.2.1");
    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));
    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);

    loopback.dns().answer(MT1, 1, "192.0.2.9");

    await().atMost(GENEROUS).until(() -> allowlist.decide("192.0.2.9") == AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(loopback.dns().queryCount(MT1)).as("the first A and AAAA queries and at least one refresh").isGreaterThanOrEqualTo(3);
  }

  @Test
  void tellsListenersWhatWasAddedAndRemovedAndLogsTheChange() throws InterruptedException {
    loopback.dns().answer(MT1, 1, "192.0.2.1", "2001:db8::1");
    List<AllowlistChange> changes = new CopyOnWriteArrayList<>();
    VippsAllowlist allowlist = builder(VippsEnvironment.TEST).hosts(List.of(MT1)).build();
    loopback.closedAfterTest(allowlist);
    allowlist.addListener(change -> {
      throw new IllegalStateException("a broken listener");
    });
    allowlist.addListener(changes::add);

    try (LogCapture logs = LogCapture.of(VippsAllowlist.class)) {
      allowlist.start();
      await().atMost(GENEROUS).until(() -> current(changes).size() == 2);
      loopback.dns().answer(MT1, 1, "192.0.2.9", "2001:db8::1");
      await().atMost(GENEROUS).until(() -> current(changes).contains("192.0.2.9"));

      AllowlistChange last = changes.get(changes.size() - 1);
      assertThat(entries(last.added())).containsExactly("192.0.2.9");
      assertThat(entries(last.removed())).containsExactly("192.0.2.1");
      assertThat(entries(last.current())).containsExactly("192.0.2.9", "2001:db8::1");
      assertThat(logs.messages(ch.qos.logback.classic.Level.INFO))
          .anySatisfy(line -> assertThat(line)
              .startsWith("Vipps request-server allowlist (test) changed: +[192.0.2.9] -[192.0.2.1]; now 2 entries"));
      assertThat(logs.messages(ch.qos.logback.classic.Level.ERROR))
          .anySatisfy(line -> assertThat(line).contains("listener").contains("the other listeners were still told"));
    }
  }

  @Test
  void aListenerAddedAfterStartIsToldOnlyOfLaterChanges() throws InterruptedException {
    loopback.dns().answer(MT1, 1, "192.0.2.1");
    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));
    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    List<AllowlistChange> changes = new CopyOnWriteArrayList<>();
    allowlist.addListener(changes::add);

    loopback.dns().answer(MT1, 1, "192.0.2.1", "192.0.2.2");

    await().atMost(GENEROUS).until(() -> !changes.isEmpty());
    assertThat(entries(changes.get(0).added())).containsExactly("192.0.2.2");
    assertThat(entries(changes.get(0).removed())).isEmpty();
  }

  @Test
  void aHostThatDoesNotExistContributesNothingWhileTheOthersResolve() throws InterruptedException {
    loopback.dns().answer(MT1, 60, "192.0.2.1");
    // MT2 is not scripted: NXDOMAIN.

    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST));

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    HostStatus missing = host(allowlist, MT2);
    assertThat(missing.addresses()).isEmpty();
    assertThat(missing.lastSuccess()).isNotNull();
    assertThat(missing.lastError()).isNull();
    assertThat(missing.stale()).isFalse();
    assertThat(allowlist.status().ready()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"SERVFAIL, SERVFAIL from 127.0.0.1:", "REFUSED, REFUSED from 127.0.0.1:",
      "DROP, timeout asking 127.0.0.1:", "WRONG_ID, 127.0.0.1:"})
  void aFailingHostNeverAddsAnAddressAndSaysWhy(Behaviour behaviour, String error) throws InterruptedException {
    loopback.dns().answer(MT1, 60, "192.0.2.1");
    loopback.dns().answer(MT2, 60, "192.0.2.66").behave(MT2, behaviour);

    VippsAllowlist allowlist =
        started(builder(VippsEnvironment.TEST).queryTimeout(Duration.ofMillis(300)).retries(1));

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("192.0.2.66")).isEqualTo(AllowlistDecision.DENIED);
    HostStatus failing = host(allowlist, MT2);
    assertThat(failing.addresses()).isEmpty();
    assertThat(failing.lastSuccess()).isNull();
    assertThat(failing.lastError()).contains(error + loopback.dns().port());
    assertThat(loopback.dns().queryCount(MT2)).isPositive();
  }

  @Test
  void asksTheNextServerWhenOneFails() throws IOException, InterruptedException {
    try (LoopbackDnsServer second = LoopbackDnsServer.start()) {
      loopback.dns().answer(MT1, 60, "192.0.2.66").behave(MT1, Behaviour.REFUSED);
      second.answer(MT1, 60, "192.0.2.1");

      VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1))
          .dnsServers(List.of(loopback.dns().address(), second.address())).retries(1));

      assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
      assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
      assertThat(allowlist.decide("192.0.2.66")).isEqualTo(AllowlistDecision.DENIED);
      assertThat(loopback.dns().queryCount(MT1)).isEqualTo(2);
      assertThat(second.queryCount(MT1)).isEqualTo(2);
    }
  }

  @Test
  void looksNamesUpAsAbsoluteNamesNeverInTheHostsFile() throws InterruptedException {
    // "localhost" is in every hosts file; here only the DNS server is asked, and it has no such name.
    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of("localhost")));

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isFalse();
    assertThat(allowlist.decide("127.0.0.1")).isEqualTo(AllowlistDecision.UNAVAILABLE);
    assertThat(host(allowlist, "localhost").lastSuccess()).isNotNull();
    assertThat(loopback.dns().queryCount("localhost.")).isEqualTo(2);
  }

  @Test
  void aTruncatedUdpAnswerIsRetriedOverTcp() throws InterruptedException {
    loopback.dns().answer(MT1, 60, "192.0.2.1", "2001:db8::1").behave(MT1, Behaviour.TRUNCATE_UDP);

    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("2001:db8::1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(loopback.dns().tcpQueryCount(MT1)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void isUnavailableWhileDnsIsDownAtStartUpThenAllowsOnceItAnswers() throws InterruptedException {
    loopback.dns().answer(MT1, 60, "192.0.2.1").behave(MT1, Behaviour.SERVFAIL);
    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isFalse();
    assertThat(allowlist.isReady()).isFalse();
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.UNAVAILABLE);
    assertThat(allowlist.decide("192.0.2.2")).isEqualTo(AllowlistDecision.UNAVAILABLE);
    assertThat(allowlist.status().ready()).isFalse();
    assertThat(host(allowlist, MT1).lastError()).contains("SERVFAIL");

    loopback.dns().behave(MT1, Behaviour.ANSWER);

    await().atMost(GENEROUS).until(() -> allowlist.decide("192.0.2.1") == AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("192.0.2.2")).isEqualTo(AllowlistDecision.DENIED);
    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).lastError() == null);
  }

  @Test
  void statusReportsEachHostsAddressesClampedTtlLastSuccessAndErrors() throws InterruptedException {
    Instant now = Instant.parse("2026-11-23T19:00:00Z");
    loopback.dns().answer(MT1, 600, "192.0.2.1", "2001:db8::1");
    loopback.dns().answer(MT2, 0, "192.0.2.2", "2001:db8::2").behave(MT2, "AAAA", Behaviour.REFUSED);

    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST)
        .minTtl(Duration.ofSeconds(30)).maxTtl(Duration.ofMinutes(5))
        .clock(Clock.fixed(now, ZoneOffset.UTC)));
    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();

    AllowlistStatus status = allowlist.status();
    assertThat(status.environment()).isEqualTo(VippsEnvironment.TEST);
    assertThat(status.ready()).isTrue();
    assertThat(entries(status.entries())).containsExactly("192.0.2.1", "192.0.2.2", "2001:db8::1");
    assertThat(status.hosts()).extracting(HostStatus::host).containsExactly(MT1, MT2);
    HostStatus first = status.hosts().get(0);
    assertThat(first.addresses()).extracting(Object::toString).containsExactly("192.0.2.1", "2001:db8::1");
    assertThat(first.ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(first.lastSuccess()).isEqualTo(now);
    assertThat(first.lastError()).isNull();
    assertThat(first.stale()).isFalse();
    HostStatus second = status.hosts().get(1);
    assertThat(second.addresses()).extracting(Object::toString).containsExactly("192.0.2.2");
    assertThat(second.ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(second.lastSuccess()).isEqualTo(now);
    assertThat(second.lastError()).isEqualTo("AAAA: REFUSED from " + loopback.dns().address());
    assertThat(second.stale()).isFalse();
  }

  @Test
  void configuredAddressesAreAllowedAndMakeItReadyWithoutDns() {
    VippsAllowlist allowlist = builder(VippsEnvironment.TEST)
        .additionalAddresses(List.of("127.0.0.1", "10.0.0.0/8", "2001:db8::/32"))
        .build();
    loopback.closedAfterTest(allowlist);

    assertThat(allowlist.isReady()).isTrue();
    assertThat(allowlist.decide("127.0.0.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("10.20.30.40")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("2001:db8:ffff::1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("127.0.0.2")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(allowlist.decide("not an address")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(entries(allowlist.status().entries())).containsExactly("10.0.0.0/8", "127.0.0.1", "2001:db8::/32");
  }

  @Test
  void beforeStartEveryAddressIsUnavailable() {
    loopback.dns().answer(MT1, 60, "192.0.2.1");
    VippsAllowlist allowlist = builder(VippsEnvironment.TEST).build();
    loopback.closedAfterTest(allowlist);

    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.UNAVAILABLE);
    assertThat(allowlist.decide(null)).isEqualTo(AllowlistDecision.UNAVAILABLE);
    assertThat(allowlist.status().hosts()).allSatisfy(host -> {
      assertThat(host.lastSuccess()).isNull();
      assertThat(host.addresses()).isEmpty();
    });
    assertThat(loopback.dns().queryCount(MT1)).isZero();
  }

  @Test
  void startingTwiceSendsEachQueryOnce() throws InterruptedException {
    loopback.dns().answer(MT1, 3600, "192.0.2.1");
    VippsAllowlist allowlist = builder(VippsEnvironment.TEST).hosts(List.of(MT1))
        .minTtl(Duration.ofMinutes(1)).maxTtl(Duration.ofMinutes(5)).build();
    loopback.closedAfterTest(allowlist);

    allowlist.start();
    allowlist.start();

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    assertThat(loopback.dns().queryCount(MT1)).isEqualTo(2);
  }

  @Test
  void closingKeepsTheLastSnapshotReadable() throws InterruptedException {
    loopback.dns().answer(MT1, 1, "192.0.2.1");
    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));
    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();

    allowlist.close();
    loopback.dns().behave(MT1, Behaviour.NXDOMAIN);

    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.status().ready()).isTrue();
  }

  @Test
  void decidesFromTheSnapshotItHasWhileARefreshWaitsOnDns() throws InterruptedException {
    loopback.dns().answer(MT1, 1, "192.0.2.1");
    VippsAllowlist allowlist =
        started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)).queryTimeout(Duration.ofSeconds(30)));
    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    int answered = loopback.dns().queryCount(MT1);
    loopback.dns().holdAnswers();
    // The 1 s TTL runs out; the refresh's queries arrive and get no answer until released.
    await().atMost(GENEROUS).until(() -> loopback.dns().queryCount(MT1) > answered);

    // A request never waits for them: it is decided from the snapshot already published. (The timeout
    // only turns a request that blocks on DNS into a failure instead of a hang.)
    assertTimeoutPreemptively(GENEROUS, () -> {
      for (int i = 0; i < 10_000; i++) {
        assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
        assertThat(allowlist.decide("192.0.2.2")).isEqualTo(AllowlistDecision.DENIED);
      }
    });
    loopback.dns().releaseAnswers();
  }

  @Test
  void closingDuringTheFirstResolutionDropsTheLateAnswersQuietly() throws InterruptedException {
    loopback.dns().answer(MT1, 60, "192.0.2.1").holdAnswers();
    List<AllowlistChange> changes = new CopyOnWriteArrayList<>();
    VippsAllowlist closed = builder(VippsEnvironment.TEST).hosts(List.of(MT1)).build();
    loopback.closedAfterTest(closed);
    closed.addListener(changes::add);
    VippsAllowlist control = builder(VippsEnvironment.TEST).hosts(List.of(MT1)).build();
    loopback.closedAfterTest(control);

    try (LogCapture logs = LogCapture.of(VippsAllowlist.class)) {
      closed.start();
      control.start();
      await().atMost(GENEROUS).until(() -> loopback.dns().queryCount(MT1) == 4);
      closed.close();
      loopback.dns().releaseAnswers();

      assertThat(control.awaitFirstResolution(GENEROUS)).as("the control got its answers").isTrue();
      await().during(Duration.ofMillis(300)).atMost(GENEROUS)
          .until(() -> closed.decide("192.0.2.1") == AllowlistDecision.UNAVAILABLE);
      assertThat(closed.status().ready()).isFalse();
      assertThat(closed.status().hosts()).allSatisfy(host -> assertThat(host.lastSuccess()).isNull());
      assertThat(changes).isEmpty();
      assertThat(logs.messages(ch.qos.logback.classic.Level.ERROR)).isEmpty();
      assertThat(logs.messages(ch.qos.logback.classic.Level.WARN)).isEmpty();
    }
  }

  @Test
  void refreshesInTheBackgroundOnOneDaemonThreadNamedForTheLibrary() throws InterruptedException {
    loopback.dns().answer(MT1, 60, "192.0.2.1");
    List<Thread> refreshThreads = new CopyOnWriteArrayList<>();
    VippsAllowlist allowlist = builder(VippsEnvironment.TEST).hosts(List.of(MT1)).build();
    loopback.closedAfterTest(allowlist);
    allowlist.addListener(change -> refreshThreads.add(Thread.currentThread()));

    allowlist.start();

    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    await().atMost(GENEROUS).until(() -> !refreshThreads.isEmpty());
    assertThat(refreshThreads).allSatisfy(thread -> {
      assertThat(thread.getName()).isEqualTo("vipps-callback-dns");
      assertThat(thread.isDaemon()).isTrue();
    });
  }

  static HostStatus host(VippsAllowlist allowlist, String name) {
    return allowlist.status().hosts().stream()
        .filter(host -> host.host().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Entries as operators read them: single addresses without their /32 or /128. */
  static List<String> entries(Set<IpRange> ranges) {
    return ranges.stream()
        .map(range -> range.isSingleAddress() ? range.network().toString() : range.toString())
        .collect(Collectors.toList());
  }

  private static List<String> current(List<AllowlistChange> changes) {
    return changes.isEmpty() ? List.of() : entries(changes.get(changes.size() - 1).current());
  }
}
