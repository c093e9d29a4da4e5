package io.github.vippscallback.samples.webhook;

import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** DNS servers on loopback for the application's allowlist, started before the application. */
final class Loopback {

  private Loopback() {}

  /** Answers the test environment's request servers with 127.0.0.2 and 127.0.0.3. */
  static LoopbackDnsServer requestServersOnLoopback() {
    LoopbackDnsServer dns = start();
    dns.answer("callback-mt-1.vipps.no", 60, "127.0.0.2");
    dns.answer("callback-mt-2.vipps.no", 60, "127.0.0.3");
    return dns;
  }

  /** Answers every name NXDOMAIN, as if Vipps' host names could not be resolved here. */
  static LoopbackDnsServer resolvingNothing() {
    return start();
  }

  private static LoopbackDnsServer start() {
    try {
      return LoopbackDnsServer.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
