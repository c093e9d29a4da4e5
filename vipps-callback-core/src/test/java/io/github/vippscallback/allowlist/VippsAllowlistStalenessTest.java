package io.github.vippscallback.allowlist;

import static io.github.vippscallback.allowlist.VippsAllowlistDnsTest.entries;
import static io.github.vippscallback.allowlist.VippsAllowlistDnsTest.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackDnsServer.Behaviour;
import io.github.vippscallback.testfixtures.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DNS outages: last known good addresses are kept until max-stale has passed, by an injected ticker. */
class VippsAllowlistStalenessTest {

  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final Duration MAX_STALE = Duration.ofHours(1);
  private static final String MT1 = "callback-mt-1.vipps.no";

  private final FakeTicker ticker = new FakeTicker();
  private final List<AllowlistChange> changes = new CopyOnWriteArrayList<>();
  private LoopbackDnsServer dns;
  private VippsAllowlist allowlist;
  private LogCapture logs;

  @BeforeEach
  void start() throws IOException, InterruptedException {
    dns = LoopbackDnsServer.start();
    dns.answer(MT1, 1, "192.0.2.1", "2001:db8::1");
    logs = LogCapture.of(VippsAllowlist.class);
    allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .hosts(List.of(MT1))
        .dnsServers(List.of(dns.address()))
        .queryTimeout(Duration.ofMillis(300))
        .retries(0)
        .minTtl(Duration.ofSeconds(1))
        .maxTtl(Duration.ofSeconds(1))
        .maxStale(MAX_STALE)
        .ticker(ticker)
        .build();
    allowlist.addListener(changes::add);
    allowlist.start();
    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    await().atMost(GENEROUS).until(() -> allowlist.decide("2001:db8::1") == AllowlistDecision.ALLOWED);
  }

  @AfterEach
  void stop() {
    allowlist.close();
    dns.close();
    logs.close();
  }

  @Test
  void keepsTheLastKnownGoodAddressesThroughAnOutageAndMarksThemStale() {
    dns.behave(MT1, Behaviour.SERVFAIL);
    int before = dns.queryCount(MT1);
    allowlist.refreshNow();

    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).stale());
    // Several failed retries later, and just short of max-stale, nothing has been dropped.
    ticker.advance(MAX_STALE.minusSeconds(5));
    await().atMost(GENEROUS).until(() -> dns.queryCount(MT1) >= before + 6);

    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide("2001:db8::1")).isEqualTo(AllowlistDecision.ALLOWED);
    HostStatus status = host(allowlist, MT1);
    assertThat(status.addresses()).extracting(Object::toString).containsExactly("192.0.2.1", "2001:db8::1");
    assertThat(status.lastError()).contains("SERVFAIL from " + dns.address());
    assertThat(status.lastSuccess()).isNotNull();
    assertThat(allowlist.status().ready()).isTrue();
    assertThat(logs.messages(Level.WARN))
        .as("one warning per record type when it starts failing, not one per retry")
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains(MT1).contains("SERVFAIL").contains("last known good"));
    assertThat(logs.messages(Level.ERROR)).isEmpty();
  }

  @Test
  void dropsTheAddressesOnceMaxStaleHasPassedSinceTheLastSuccessAndTellsListeners() {
    dns.behave(MT1, Behaviour.SERVFAIL);
    allowlist.refreshNow();
    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).stale());
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);

    ticker.advance(MAX_STALE.plusSeconds(1));

    await().atMost(GENEROUS).until(() -> allowlist.decide("192.0.2.1") == AllowlistDecision.UNAVAILABLE);
    await().atMost(GENEROUS).until(() -> !allowlist.isReady() && host(allowlist, MT1).addresses().isEmpty());
    AllowlistStatus status = allowlist.status();
    assertThat(status.ready()).isFalse();
    assertThat(status.entries()).isEmpty();
    HostStatus host = status.hosts().get(0);
    assertThat(host.stale()).isFalse();
    assertThat(host.lastError()).contains("SERVFAIL");
    assertThat(host.lastSuccess()).isNotNull();
    AllowlistChange last = changes.get(changes.size() - 1);
    assertThat(last.current()).isEmpty();
    assertThat(changes.stream().flatMap(change -> entries(change.removed()).stream()))
        .contains("192.0.2.1", "2001:db8::1");
    assertThat(logs.messages(Level.ERROR))
        .anySatisfy(line -> assertThat(line)
            .contains("Dropping").contains(MT1).contains("has failed for 1h").contains("max-stale 1h")
            .contains("last error: SERVFAIL from " + dns.address()));
  }

  @Test
  void aFailingRecordTypeExpiresAloneAndTheOthersGoodAddressesStay() {
    dns.behave(MT1, "AAAA", Behaviour.REFUSED);
    allowlist.refreshNow();
    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).stale());

    ticker.advance(MAX_STALE.plusSeconds(1));

    await().atMost(GENEROUS).until(() -> allowlist.decide("2001:db8::1") == AllowlistDecision.DENIED);
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    HostStatus host = host(allowlist, MT1);
    assertThat(host.addresses()).extracting(Object::toString).containsExactly("192.0.2.1");
    assertThat(host.lastError()).startsWith("AAAA: REFUSED");
  }

  @Test
  void anOutageShorterThanMaxStaleEndsWithFreshAddressesAndNoChange() {
    int changesBefore = changes.size();
    dns.behave(MT1, Behaviour.DROP);
    allowlist.refreshNow();
    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).stale());
    assertThat(host(allowlist, MT1).lastError()).contains("timeout asking " + dns.address());

    dns.behave(MT1, Behaviour.ANSWER);

    await().atMost(GENEROUS).until(() -> !host(allowlist, MT1).stale() && host(allowlist, MT1).lastError() == null);
    assertThat(allowlist.decide("192.0.2.1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(changes).hasSize(changesBefore);
    assertThat(logs.messages(Level.INFO)).anySatisfy(line -> assertThat(line).contains("works again"));
  }
}
