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
 */
public record HostStatus(
    String host,
    List<IpAddress> addresses,
    Duration ttl,
    @Nullable Instant lastSuccess,
    @Nullable String lastError,
    boolean stale) {

  /** Copies the address list. */
  public HostStatus {
    addresses = List.copyOf(addresses);
  }
}
