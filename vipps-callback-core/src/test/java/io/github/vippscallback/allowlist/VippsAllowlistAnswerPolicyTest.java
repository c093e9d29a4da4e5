package io.github.vippscallback.allowlist;

import static io.github.vippscallback.allowlist.VippsAllowlistDnsTest.entries;
import static io.github.vippscallback.allowlist.VippsAllowlistDnsTest.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.github.vippscallback.test.LoopbackDnsServer.Behaviour;
import io.github.vippscallback.testfixtures.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The address policy, the answer limit and the damping of changes, against a real DNS server on loopback.
 * These allowlists do not accept special-purpose addresses unless a test says so: the answers the policy
 * takes are public addresses (outside every special-purpose block).
 */
class VippsAllowlistAnswerPolicyTest {

  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final String MT1 = "callback-mt-1.vipps.no";
  private static final String MT2 = "callback-mt-2.vipps.no";
  private static final String PUBLIC_1 = "93.184.216.34";
  private static final String PUBLIC_2 = "93.184.216.35";
  private static final String PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946";

  @RegisterExtension
  final LoopbackAllowlists loopback = new LoopbackAllowlists();
  private final List<AllowlistChange> changes = new CopyOnWriteArrayList<>();

  private VippsAllowlist.Builder builder(VippsEnvironment environment) {
    return loopback.builder(environment)
        .queryTimeout(Duration.ofSeconds(2))
        .retries(1)
        .minTtl(Duration.ofSeconds(1))
        .maxTtl(Duration.ofSeconds(1));
  }

  private VippsAllowlist started(VippsAllowlist.Builder builder) throws InterruptedException {
    VippsAllowlist allowlist = loopback.closedAfterTest(builder.build());
    allowlist.addListener(changes::add);
    allowlist.start();
    assertThat(allowlist.awaitFirstResolution(GENEROUS)).isTrue();
    return allowlist;
  }

  @Test
  void anAnswerOfOnlyRefusedAddressesIsAFailureThatKeepsTheLastKnownGoodAndSaysWhy() throws Exception {
    loopback.dns().answer(MT1, 1, PUBLIC_1);
    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));
    assertThat(allowlist.decide(PUBLIC_1)).isEqualTo(AllowlistDecision.ALLOWED);

    try (LogCapture logs = LogCapture.of(VippsAllowlist.class)) {
      loopback.dns().answer(MT1, 1, "127.0.0.1", "10.0.0.1");
      await().atMost(GENEROUS).until(() -> host(allowlist, MT1).lastError() != null);
      int queriesAtFailure = loopback.dns().queryCount(MT1);

      HostStatus status = host(allowlist, MT1);
      assertThat(status.addresses()).extracting(Object::toString).containsExactly(PUBLIC_1);
      assertThat(status.stale()).isTrue();
      assertThat(status.lastError()).isEqualTo("A: every address of the answer was refused by the address policy:"
          + " [127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122), 10.0.0.1 in 10.0.0.0/8 Private-Use (RFC 1918)]");
      assertThat(status.refused()).containsExactly(
          "127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)", "10.0.0.1 in 10.0.0.0/8 Private-Use (RFC 1918)");
      assertThat(allowlist.decide(PUBLIC_1)).isEqualTo(AllowlistDecision.ALLOWED);
      assertThat(allowlist.decide("127.0.0.1")).isEqualTo(AllowlistDecision.DENIED);
      assertThat(allowlist.decide("10.0.0.1")).isEqualTo(AllowlistDecision.DENIED);
      assertThat(logs.messages(Level.WARN)).anySatisfy(line -> assertThat(line)
          .startsWith("DNS answer for " + MT1 + " A: refused 2 address(es) by the address policy:"
              + " [127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122), 10.0.0.1 in 10.0.0.0/8 Private-Use (RFC 1918)];"
              + " no address left, so the answer counts as a failure"));
      // Retried like any failure, and the refusals are not logged again for each retry.
      await().atMost(GENEROUS).until(() -> loopback.dns().queryCount(MT1) >= queriesAtFailure + 2);
      assertThat(logs.messages(Level.WARN)).filteredOn(line -> line.startsWith("DNS answer for")).hasSize(1);
    }
  }

  @Test
  void aMixedAnswerKeepsItsPublicAddressesAndShowsTheRefusedOnes() throws Exception {
    loopback.dns().answer(MT1, 60, PUBLIC_1, "192.168.1.1", PUBLIC_V6, "::1", "fe80::1");

    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));

    assertThat(entries(allowlist.status().entries())).containsExactly(PUBLIC_1, PUBLIC_V6);
    HostStatus status = host(allowlist, MT1);
    assertThat(status.lastError()).isNull();
    assertThat(status.stale()).isFalse();
    assertThat(status.refused()).containsExactly(
        "192.168.1.1 in 192.168.0.0/16 Private-Use (RFC 1918)",
        "::1 in ::1/128 Loopback Address (RFC 4291)",
        "fe80::1 in fe80::/10 Link-Local Unicast (RFC 4291)");
    assertThat(allowlist.decide("::1")).isEqualTo(AllowlistDecision.DENIED);
  }

  @Test
  void anIpv4MappedAaaaRecordIsRefusedEvenWithTheOptIn() throws Exception {
    loopback.dns().answer(MT1, 60, PUBLIC_1, "::ffff:127.0.0.1");

    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1))
        .acceptSpecialPurposeAddresses(true)); // the opt-in does not make an AAAA answer yield IPv4

    assertThat(entries(allowlist.status().entries())).containsExactly(PUBLIC_1);
    assertThat(allowlist.decide("127.0.0.1")).isEqualTo(AllowlistDecision.DENIED);
    HostStatus status = host(allowlist, MT1);
    // The answer is refused before the policy sees it: the classifier never takes an IPv4-mapped AAAA.
    assertThat(status.lastError()).contains("IPv4-mapped").contains("never yields");
  }

  @Test
  void acceptsLoopbackAddressesOnlyWithTheOptIn() throws Exception {
    loopback.dns().answer(MT1, 60, "127.0.0.2", "::1");
    loopback.dns().answer(MT2, 60, PUBLIC_1); // makes the allowlist without the opt-in ready too

    VippsAllowlist refusing = started(builder(VippsEnvironment.TEST));
    VippsAllowlist accepting = started(builder(VippsEnvironment.TEST).acceptSpecialPurposeAddresses(true));

    assertThat(refusing.decide("127.0.0.2")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(refusing.decide("::1")).isEqualTo(AllowlistDecision.DENIED);
    assertThat(accepting.decide("127.0.0.2")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(accepting.decide("::1")).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(host(accepting, MT1).refused()).isEmpty();
  }

  @Test
  void moreAddressesThanTheMaximumIsAFailureThatKeepsTheLastKnownGood() throws Exception {
    loopback.dns().answer(MT1, 1, PUBLIC_1);
    VippsAllowlist allowlist = started(builder(VippsEnvironment.TEST).hosts(List.of(MT1)));

    loopback.dns().answer(MT1, 1, publicAddresses(AnswerAddressPolicy.MAX_ADDRESSES_PER_RECORD_TYPE + 1));

    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).lastError() != null);
    HostStatus status = host(allowlist, MT1);
    assertThat(status.lastError())
        .isEqualTo("A: implausible answer: 33 A records for callback-mt-1.vipps.no, at most 32 accepted");
    assertThat(status.addresses()).extracting(Object::toString).containsExactly(PUBLIC_1);
    assertThat(status.stale()).isTrue();
    assertThat(allowlist.decide("93.184.216.1")).isEqualTo(AllowlistDecision.DENIED);
  }

  @Test
  void theStartUpRoundAndARefreshRoundEachMakeOneChangeAndOneInfoLine() throws Exception {
    List<String> hosts = VippsEnvironment.PROD.requestServers();
    for (int i = 0; i < hosts.size(); i++) {
      loopback.dns().answer(hosts.get(i), 300, "93.184.216." + (i + 1));
    }
    try (LogCapture logs = LogCapture.of(VippsAllowlist.class)) {
      VippsAllowlist allowlist = started(builder(VippsEnvironment.PROD).minTtl(Duration.ofMinutes(5))
          .maxTtl(Duration.ofMinutes(5)));
      await().atMost(GENEROUS).until(() -> changes.size() >= 1);

      assertThat(changes).hasSize(1);
      assertThat(changes.get(0).added()).hasSize(hosts.size());
      assertThat(changeLines(logs)).singleElement().satisfies(line -> assertThat(line).contains(
          "changed: +[93.184.216.1, 93.184.216.2, 93.184.216.3, 93.184.216.4, 93.184.216.5 and 3 more] -[];"
              + " now 8 entries, from 8 of 8 hosts"));

      // An NXDOMAIN wave across every host: one change, one line.
      hosts.forEach(host -> loopback.dns().behave(host, Behaviour.NXDOMAIN));
      allowlist.refreshNow();
      await().atMost(GENEROUS).until(() -> !allowlist.isReady());

      assertThat(changes).hasSize(2);
      assertThat(changes.get(1).removed()).hasSize(hosts.size());
      assertThat(changeLines(logs)).hasSize(2);
    }
  }

  @Test
  void answersThatFlipEverySecondMakeAtMostOneChangePerRoundNotOnePerHost() throws Exception {
    List<String> hosts = VippsEnvironment.PROD.requestServers();
    hosts.forEach(host -> loopback.dns().answer(host, 1, PUBLIC_1));
    VippsAllowlist allowlist = started(builder(VippsEnvironment.PROD));
    int queriesBefore = loopback.dns().queryCount(hosts.get(0));
    int changesBefore = changes.size();

    // Each time a round has asked the first host (an A and an AAAA query), every host's answer flips.
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int asked = queriesBefore;
    boolean flip = false;
    while (System.nanoTime() - end < 0) {
      int now = loopback.dns().queryCount(hosts.get(0));
      if (now >= asked + 2) {
        asked = now;
        flip = !flip;
        String address = flip ? PUBLIC_2 : PUBLIC_1;
        hosts.forEach(host -> loopback.dns().answer(host, 1, address));
      }
      Thread.sleep(20); // polls the query count; the counts below are what is checked, not the timing
    }

    int rounds = (loopback.dns().queryCount(hosts.get(0)) - queriesBefore) / 2; // an A and an AAAA query a round
    int changesDuring = changes.size() - changesBefore;
    assertThat(rounds).as("refresh rounds at the 1 s TTL").isGreaterThanOrEqualTo(3);
    // One change per host and flip would be up to 8 a round; a round makes at most one (the first and last
    // rounds may be cut by the 5 s window).
    assertThat(changesDuring).as("changes in %d rounds of %d hosts", rounds, hosts.size())
        .isBetween(1, rounds + 2);
    assertThat(allowlist.isReady()).isTrue();
  }

  private static List<String> changeLines(LogCapture logs) {
    return logs.messages(Level.INFO).stream().filter(line -> line.contains(" changed: +")).toList();
  }

  private static String[] publicAddresses(int count) {
    String[] addresses = new String[count];
    for (int i = 0; i < count; i++) {
      addresses[i] = "93.184.216." + (i + 1);
    }
    return addresses;
  }
}
