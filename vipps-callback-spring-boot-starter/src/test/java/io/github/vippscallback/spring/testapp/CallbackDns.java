package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The DNS the tests' applications ask, on loopback: one server for the whole test run, answering
 * callback-1 with 127.0.0.2, callback-dr-1 with 127.0.0.3 and callback-mt-1 with 127.0.0.4; every other
 * name NXDOMAIN. {@link #EMPTY} knows no name at all, so an allowlist using it is never ready.
 */
public final class CallbackDns {

  /** A production request server's address. */
  public static final String PROD_SERVER = "127.0.0.2";
  /** A production disaster-recovery request server's address. */
  public static final String DR_SERVER = "127.0.0.3";
  /** A merchant-test request server's address. */
  public static final String MT_SERVER = "127.0.0.4";
  /** An address no Vipps server has. */
  public static final String STRANGER = "127.0.0.9";

  /** The scripted server. */
  public static final LoopbackDnsServer SCRIPTED = start()
      .answer("callback-1.vipps.no", 300, PROD_SERVER)
      .answer("callback-dr-1.vipps.no", 300, DR_SERVER)
      .answer("callback-mt-1.vipps.no", 300, MT_SERVER);

  /** A server that knows no name. */
  public static final LoopbackDnsServer EMPTY = start();

  private CallbackDns() {}

  private static LoopbackDnsServer start() {
    try {
      return LoopbackDnsServer.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
