package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is known of one request-server host name, for health checks and diagnostics.
 *
 * @param host the host name, e.g. {@code callback-1.vipps.no}
 * @param addresses its A and AAAA addresses now in the allowlist (empty when it has none, or they expired)
 * @param ttl the TTL the next refresh is scheduled by (clamped to min-ttl..max-ttl)
 * @param lastSuccess when it last resolved (an answer or an authoritative "no such name"), or null
 * @param lastError the last failure (e.g. {@code "SERVFAIL from 10.0.0.53:53"}), or null since the last success
 * @param stale whether its addresses are last-known-good ones kept through a DNS failure
 * @param refused the addresses of its last A and AAAA answers that the address policy refused, each with
 *     the special-purpose block it lies in, e.g. {@code 127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)};
 *     empty when none was
 */
public record HostStatus(
    String host,
    List<IpAddress> addresses,
    Duration ttl,
    @Nullable Instant lastSuccess,
    @Nullable String lastError,
    boolean stale,
    List<String> refused) {

  /**
   * Copies the lists.
   *
   * @param host the host name, e.g. {@code callback-1.vipps.no}
   * @param addresses its A and AAAA addresses now in the allowlist (empty when it has none, or they expired)
   * @param ttl the TTL the next refresh is scheduled by (clamped to min-ttl..max-ttl)
   * @param lastSuccess when it last resolved (an answer or an authoritative "no such name"), or null
   * @param lastError the last failure (e.g. {@code "SERVFAIL from 10.0.0.53:53"}), or null since the last success
   * @param stale whether its addresses are last-known-good ones kept through a DNS failure
   * @param refused the addresses of its last A and AAAA answers that the address policy refused, each with the
   *     special-purpose block it lies in, e.g. {@code 127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)}; empty when none
   *     was
   */
  public HostStatus {
    addresses = List.copyOf(addresses);
    refused = List.copyOf(refused);
  }
}
