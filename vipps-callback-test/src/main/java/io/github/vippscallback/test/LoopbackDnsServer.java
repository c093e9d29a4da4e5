package io.github.vippscallback.test;

import java.io.IOException;

/**
 * A scripted DNS server on loopback, answering over UDP and TCP on one ephemeral port, for tests that
 * must never ask real DNS. Script each name's answer; a name not scripted is answered NXDOMAIN.
 *
 * <pre>{@code
 * try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
 *   dns.answer("callback-mt-1.vipps.no", 60, "127.0.0.2", "::1");
 *   VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
 *       .dnsServers(List.of(dns.address())).build();
 * }
 * }</pre>
 *
 * <p>Thread-safe: a test may change the script while the server answers.
 */
public final class LoopbackDnsServer implements AutoCloseable {

  /** How the server treats queries for a name. */
  public enum Behaviour {
    /** Answer with the scripted records (none of the asked type: NOERROR with no data). */
    ANSWER,
    /** Answer NXDOMAIN. */
    NXDOMAIN,
    /** Answer SERVFAIL. */
    SERVFAIL,
    /** Answer REFUSED. */
    REFUSED,
    /** Never answer: the client times out. */
    DROP,
    /** Over UDP answer with the TC bit and no records; over TCP answer in full. */
    TRUNCATE_UDP,
    /** Answer in full, but with a message id that does not match the query's. */
    WRONG_ID
  }

  private LoopbackDnsServer() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Starts a server on {@code 127.0.0.1} and an ephemeral port, UDP and TCP. */
  public static LoopbackDnsServer start() throws IOException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** {@code 127.0.0.1:port}, the form {@code dnsServers(...)} and {@code vipps.callback.dns.servers} take. */
  public String address() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The port, UDP and TCP. */
  public int port() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Answers {@code host} (absolute or not; case-insensitive) with these A and AAAA records and TTL, and
   * sets its behaviour to {@link Behaviour#ANSWER}. Replaces what was scripted for it.
   */
  public LoopbackDnsServer answer(String host, long ttlSeconds, String... addresses) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Sets how queries for {@code host} are treated, keeping its scripted records. */
  public LoopbackDnsServer behave(String host, Behaviour behaviour) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** How many queries for {@code host} arrived (UDP and TCP, any type). */
  public int queryCount(String host) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** How many queries for {@code host} arrived over TCP. */
  public int tcpQueryCount(String host) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Stops answering and closes the sockets. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }
}
