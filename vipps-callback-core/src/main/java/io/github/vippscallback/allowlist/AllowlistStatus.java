package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpRange;
import java.util.List;
import java.util.Set;

/**
 * A point-in-time view of a {@link VippsAllowlist}, for health checks and diagnostics.
 *
 * @param environment the environment
 * @param ready whether at least one address is known (fresh or stale); otherwise callers answer 503
 * @param entries the effective set, sorted: resolved addresses plus configured addresses and ranges
 * @param hosts what is known of each host, in catalog order
 */
public record AllowlistStatus(
    VippsEnvironment environment, boolean ready, Set<IpRange> entries, List<HostStatus> hosts) {

  /**
   * Copies the collections.
   *
   * @param environment the environment
   * @param ready whether at least one address is known (fresh or stale); otherwise callers answer 503
   * @param entries the effective set, sorted: resolved addresses plus configured addresses and ranges
   * @param hosts what is known of each host, in catalog order
   */
  public AllowlistStatus {
    entries = AllowlistChange.sortedCopy(entries);
    hosts = List.copyOf(hosts);
  }
}
