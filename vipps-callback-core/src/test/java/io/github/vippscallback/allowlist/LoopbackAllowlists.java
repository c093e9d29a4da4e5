package io.github.vippscallback.allowlist;

import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Core's test fixture for allowlists against real DNS on loopback: registered as a field with {@code
 * @RegisterExtension}, it starts a fresh {@link LoopbackDnsServer} before each test and closes every
 * allowlist it built, then the server, after it. Builders ask only that server; what a test changes beyond that
 * (timeouts, TTLs, the special-purpose opt-in) it says itself.
 */
final class LoopbackAllowlists implements BeforeEachCallback, AfterEachCallback {

  private @Nullable LoopbackDnsServer dns;
  private final List<VippsAllowlist> built = new ArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dns = LoopbackDnsServer.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      built.forEach(VippsAllowlist::close);
      built.clear();
    } finally {
      LoopbackDnsServer server = dns;
      dns = null;
      if (server != null) {
        server.close();
      }
    }
  }

  /** This test's DNS server. */
  LoopbackDnsServer dns() {
    LoopbackDnsServer server = dns;
    if (server == null) {
      throw new IllegalStateException("the loopback DNS server runs only during a test");
    }
    return server;
  }

  /** A builder for {@code environment} that asks only this test's DNS server. */
  VippsAllowlist.Builder builder(VippsEnvironment environment) {
    return VippsAllowlist.builder(environment).dnsServers(List.of(dns().address()));
  }

  /** Builds {@code builder}'s allowlist, closed after the test, and starts it. */
  VippsAllowlist started(VippsAllowlist.Builder builder) {
    VippsAllowlist allowlist = closedAfterTest(builder.build());
    allowlist.start();
    return allowlist;
  }

  /** Closes {@code allowlist} after the test, before the DNS server. */
  VippsAllowlist closedAfterTest(VippsAllowlist allowlist) {
    built.add(allowlist);
    return allowlist;
  }
}
