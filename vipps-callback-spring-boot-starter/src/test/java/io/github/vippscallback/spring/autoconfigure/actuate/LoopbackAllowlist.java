package io.github.vippscallback.spring.autoconfigure.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * A started {@link VippsAllowlist} of the {@link VippsEnvironment#TEST} request servers, resolved through
 * a {@link LoopbackDnsServer} that the test scripts; never real DNS.
 */
final class LoopbackAllowlist implements AutoCloseable {

  static final String MT_1 = "callback-mt-1.vipps.no";
  static final String MT_2 = "callback-mt-2.vipps.no";

  final LoopbackDnsServer dns;
  final VippsAllowlist allowlist;

  private LoopbackAllowlist(LoopbackDnsServer dns, VippsAllowlist allowlist) {
    this.dns = dns;
    this.allowlist = allowlist;
  }

  /** Both MT hosts answer with one loopback address each, TTL 60 s; the allowlist is ready. */
  static LoopbackAllowlist ready() throws InterruptedException {
    return started(answeringDns(), Duration.ofSeconds(30));
  }

  /** Both MT hosts answer SERVFAIL from the start; the allowlist is not ready. */
  static LoopbackAllowlist failing() throws InterruptedException {
    return started(failingDns(), Duration.ofSeconds(30));
  }

  /** A started loopback DNS server where MT_1 answers 127.0.0.2 and MT_2 127.0.0.3, TTL 60 s. */
  static LoopbackDnsServer answeringDns() {
    LoopbackDnsServer dns = startDns();
    dns.answer(MT_1, 60, "127.0.0.2");
    dns.answer(MT_2, 60, "127.0.0.3");
    return dns;
  }

  /** A started loopback DNS server where both MT hosts answer SERVFAIL. */
  static LoopbackDnsServer failingDns() {
    LoopbackDnsServer dns = startDns();
    dns.behave(MT_1, LoopbackDnsServer.Behaviour.SERVFAIL);
    dns.behave(MT_2, LoopbackDnsServer.Behaviour.SERVFAIL);
    return dns;
  }

  private static LoopbackDnsServer startDns() {
    try {
      return LoopbackDnsServer.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts an allowlist against {@code dns} that refreshes at least every {@code minTtl}. */
  static LoopbackAllowlist started(LoopbackDnsServer dns, Duration minTtl) throws InterruptedException {
    VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .queryTimeout(Duration.ofMillis(500))
        .retries(0)
        .minTtl(minTtl)
        .build();
    allowlist.start();
    allowlist.awaitFirstResolution(Duration.ofSeconds(10));
    return new LoopbackAllowlist(dns, allowlist);
  }

  @Override
  public void close() {
    allowlist.close();
    dns.close();
  }
}
