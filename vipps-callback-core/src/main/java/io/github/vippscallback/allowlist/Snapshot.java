package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.AddressSet;
import io.github.vippscallback.address.IpRange;
import java.util.Set;

/**
 * What {@link VippsAllowlist#decide} reads: the effective set and whether it is ready. Immutable, swapped
 * whole so a request sees one consistent state.
 *
 * @param set the membership test
 * @param entries the same entries, sorted, for diffs and diagnostics
 * @param ready whether at least one address is known
 */
record Snapshot(AddressSet set, Set<IpRange> entries, boolean ready) {

  /** Copies the entries. */
  Snapshot {
    entries = AllowlistChange.sortedCopy(entries);
  }

  static Snapshot of(Set<IpRange> entries) {
    return new Snapshot(AddressSet.of(entries), entries, !entries.isEmpty());
  }
}
