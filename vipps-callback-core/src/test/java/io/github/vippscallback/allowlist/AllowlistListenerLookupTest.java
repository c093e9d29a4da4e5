package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackDnsServer.Behaviour;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/** {@link AllowlistListener}s told of lookups, against a real DNS server on loopback. */
class AllowlistListenerLookupTest {

  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final String MT1 = "callback-mt-1.vipps.no";
  private static final String MT2 = "callback-mt-2.vipps.no";

  /** One call of {@link AllowlistListener#onLookup}. */
  record Refresh(String host, String recordType, boolean success, Duration took) {}

  private LoopbackDnsServer dns;
  private @Nullable VippsAllowlist allowlist;
  private final List<Refresh> refreshes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startDns() throws IOException {
    dns = LoopbackDnsServer.start();
  }

  @AfterEach
  void stopEverything() {
    if (allowlist != null) {
      allowlist.close();
    }
    dns.close();
  }

  private VippsAllowlist started(AllowlistListener... listeners) {
    VippsAllowlist.Builder builder = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are documentation addresses (192.0.2.x, 2001:db8::x)
        .queryTimeout(Duration.ofMillis(500))
        .retries(0);
    for (AllowlistListener listener : listeners) {
      builder.listener(listener);
    }
    allowlist = builder.build();
    allowlist.start();
    return allowlist;
  }

  private AllowlistListener recording() {
    return new AllowlistListener() {
      @Override
      public void onChange(AllowlistChange change) {
        // only lookups are recorded here
      }

      @Override
      public void onLookup(String host, String recordType, boolean success, Duration took) {
        refreshes.add(new Refresh(host, recordType, success, took));
      }
    };
  }

  @Test
  void tellsOfEverySuccessfulLookupWithHostRecordTypeAndDuration() throws InterruptedException {
    dns.answer(MT1, 60, "192.0.2.1", "2001:db8::1");
    dns.answer(MT2, 60, "192.0.2.2");

    assertThat(started(recording()).awaitFirstResolution(GENEROUS)).isTrue();

    await().atMost(GENEROUS).until(() -> refreshes.size() == 4);
    assertThat(refreshes)
        .extracting(refresh -> refresh.host() + " " + refresh.recordType() + " " + refresh.success())
        .containsExactlyInAnyOrder(MT1 + " A true", MT1 + " AAAA true", MT2 + " A true", MT2 + " AAAA true");
    assertThat(refreshes).allSatisfy(refresh -> assertThat(refresh.took()).isPositive().isLessThan(GENEROUS));
  }

  @Test
  void tellsOfFailedLookups() throws InterruptedException {
    dns.answer(MT1, 60, "192.0.2.1");
    dns.behave(MT1, Behaviour.SERVFAIL);
    dns.behave(MT2, Behaviour.REFUSED);

    assertThat(started(recording()).awaitFirstResolution(GENEROUS)).isFalse();

    await().atMost(GENEROUS).until(() -> refreshes.size() >= 4);
    assertThat(refreshes).allSatisfy(refresh -> assertThat(refresh.success()).isFalse());
    assertThat(refreshes).extracting(Refresh::host).contains(MT1, MT2);
  }

  @Test
  void countsAnAuthoritativeNoSuchNameAsASuccess() throws InterruptedException {
    dns.answer(MT1, 60, "192.0.2.1");
    // MT2 is not scripted: the server answers NXDOMAIN.

    assertThat(started(recording()).awaitFirstResolution(GENEROUS)).isTrue();

    await().atMost(GENEROUS).until(() -> refreshes.size() == 4);
    assertThat(refreshes).filteredOn(refresh -> refresh.host().equals(MT2))
        .hasSize(2).allSatisfy(refresh -> assertThat(refresh.success()).isTrue());
  }

  @Test
  void aThrowingListenerNeitherStopsTheOthersNorTheAllowlist() throws InterruptedException {
    dns.answer(MT1, 60, "192.0.2.1");
    dns.answer(MT2, 60, "192.0.2.2");
    AllowlistListener throwing = new AllowlistListener() {
      @Override
      public void onChange(AllowlistChange change) {
        throw new IllegalStateException("listener failure");
      }

      @Override
      public void onLookup(String host, String recordType, boolean success, Duration took) {
        throw new IllegalStateException("listener failure");
      }
    };

    VippsAllowlist started = started(throwing, recording());

    assertThat(started.awaitFirstResolution(GENEROUS)).isTrue();
    await().atMost(GENEROUS).until(() -> refreshes.size() == 4);
    assertThat(started.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(started.decide("192.0.2.2")).isEqualTo(AllowlistDecision.ALLOWED);
  }

  @Test
  void aListenerAddedToTheRunningAllowlistHearsLookupsAndChangesAlike() throws InterruptedException {
    dns.answer(MT1, 1, "192.0.2.1");
    dns.answer(MT2, 1, "192.0.2.2");
    allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the loopback DNS answers documentation addresses
        .queryTimeout(Duration.ofMillis(500))
        .retries(0)
        .minTtl(Duration.ofSeconds(1))
        .build();
    VippsAllowlist started = allowlist;
    started.start();
    assertThat(started.awaitFirstResolution(GENEROUS)).isTrue();
    List<AllowlistChange> changes = new CopyOnWriteArrayList<>();
    AllowlistListener both = new AllowlistListener() {
      @Override
      public void onChange(AllowlistChange change) {
        changes.add(change);
      }

      @Override
      public void onLookup(String host, String recordType, boolean success, Duration took) {
        refreshes.add(new Refresh(host, recordType, success, took));
      }
    };

    started.addListener(both);
    dns.answer(MT1, 1, "192.0.2.7");

    await().atMost(GENEROUS).until(() -> !changes.isEmpty());
    assertThat(changes.get(0).added()).contains(IpRange.parse("192.0.2.7"));
    assertThat(refreshes).extracting(Refresh::host).contains(MT1);
  }
}
