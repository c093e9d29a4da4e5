package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.allowlist.AllowlistStatus;
import io.github.vippscallback.allowlist.HostStatus;
import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.address.IpRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code vippscallback} actuator endpoint and the {@code vippsCallback} health contributor show
 * of a {@link io.github.vippscallback.allowlist.VippsAllowlist}: plain strings, booleans and lists, so that any
 * JSON mapper renders it the same way. Holds no secrets: host names, addresses and DNS outcomes only.
 *
 * @param environment the environment's canonical name, {@code prod} or {@code test}
 * @param ready whether at least one address is known; when not, guarded endpoints answer 503
 * @param entries the effective allowlist, sorted, in CIDR notation ({@code 192.0.2.1/32})
 * @param hosts what is known of each request-server host, in catalog order
 */
public record AllowlistSnapshot(String environment, boolean ready, List<String> entries, List<Host> hosts) {

  /**
   * Copies the lists.
   *
   * @param environment the environment's canonical name, {@code prod} or {@code test}
   * @param ready whether at least one address is known; when not, guarded endpoints answer 503
   * @param entries the effective allowlist, sorted, in CIDR notation ({@code 192.0.2.1/32})
   * @param hosts what is known of each request-server host, in catalog order
   */
  public AllowlistSnapshot {
    entries = List.copyOf(entries);
    hosts = List.copyOf(hosts);
  }

  /**
   * Converts an allowlist's status.
   *
   * @param status the allowlist's status
   * @return the snapshot the endpoint shows
   */
  public static AllowlistSnapshot of(AllowlistStatus status) {
    List<String> entries = new ArrayList<>(status.entries().size());
    for (IpRange entry : status.entries()) {
      entries.add(entry.toString());
    }
    List<Host> hosts = new ArrayList<>(status.hosts().size());
    for (HostStatus host : status.hosts()) {
      hosts.add(Host.of(host));
    }
    return new AllowlistSnapshot(status.environment().id(), status.ready(), entries, hosts);
  }

  /**
   * What is known of one request-server host.
   *
   * @param host the host name, e.g. {@code callback-1.vipps.no}
   * @param addresses its addresses now in the allowlist, canonical text form
   * @param ttl the refresh interval in ISO-8601 form, e.g. {@code PT1M}
   * @param lastSuccess when it last resolved, ISO-8601 UTC, or null when it never has
   * @param lastError the last DNS failure since the last success, or null
   * @param stale whether its addresses are last-known-good ones kept through a DNS failure
   * @param refused the addresses of its last answers that the address policy refused, each with its
   *     special-purpose block, e.g. {@code 127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)}
   */
  public record Host(
      String host,
      List<String> addresses,
      String ttl,
      @Nullable String lastSuccess,
      @Nullable String lastError,
      boolean stale,
      List<String> refused) {

    /**
     * Copies the lists.
     *
     * @param host the host name, e.g. {@code callback-1.vipps.no}
     * @param addresses its addresses now in the allowlist, canonical text form
     * @param ttl the refresh interval in ISO-8601 form, e.g. {@code PT1M}
     * @param lastSuccess when it last resolved, ISO-8601 UTC, or null when it never has
     * @param lastError the last DNS failure since the last success, or null
     * @param stale whether its addresses are last-known-good ones kept through a DNS failure
     * @param refused the addresses of its last answers that the address policy refused, each with its
     *     special-purpose block, e.g. {@code 127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)}
     */
    public Host {
      addresses = List.copyOf(addresses);
      refused = List.copyOf(refused);
    }

    static Host of(HostStatus status) {
      List<String> addresses = new ArrayList<>(status.addresses().size());
      for (IpAddress address : status.addresses()) {
        addresses.add(address.toString());
      }
      Instant lastSuccess = status.lastSuccess();
      return new Host(
          status.host(),
          addresses,
          status.ttl().toString(),
          lastSuccess == null ? null : lastSuccess.toString(),
          status.lastError(),
          status.stale(),
          status.refused());
    }
  }
}
