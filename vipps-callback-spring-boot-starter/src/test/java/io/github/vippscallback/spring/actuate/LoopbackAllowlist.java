package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.core.VippsAllowlist;
import io.github.vippscallback.core.VippsEnvironment;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
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
  static LoopbackAllowlist ready() throws IOException, InterruptedException {
    LoopbackDnsServer dns = LoopbackDnsServer.start();
    dns.answer(MT_1, 60, "127.0.0.2");
    dns.answer(MT_2, 60, "127.0.0.3");
    return started(dns, Duration.ofSeconds(30));
  }

  /** Both MT hosts answer SERVFAIL from the start; the allowlist is not ready. */
  static LoopbackAllowlist failing() throws IOException, InterruptedException {
    LoopbackDnsServer dns = LoopbackDnsServer.start();
    dns.behave(MT_1, LoopbackDnsServer.Behaviour.SERVFAIL);
    dns.behave(MT_2, LoopbackDnsServer.Behaviour.SERVFAIL);
    return started(dns, Duration.ofSeconds(30));
  }

  /** Starts an allowlist against {@code dns} that refreshes at least every {@code minTtl}. */
  static LoopbackAllowlist started(LoopbackDnsServer dns, Duration minTtl) throws InterruptedException {
    VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
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
