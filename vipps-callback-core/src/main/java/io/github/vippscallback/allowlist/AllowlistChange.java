package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpRange;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A change of the effective allowlist: what was added, what was removed, and the whole set after it.
 * Single addresses appear as full-length ranges ({@code /32}, {@code /128}). Immutable, sorted sets.
 *
 * @param added entries now allowed that were not before
 * @param removed entries no longer allowed
 * @param current the whole effective set after the change
 */
public record AllowlistChange(Set<IpRange> added, Set<IpRange> removed, Set<IpRange> current) {

  /**
   * Copies the sets into sorted, unmodifiable ones.
   *
   * @param added entries now allowed that were not before
   * @param removed entries no longer allowed
   * @param current the whole effective set after the change
   */
  public AllowlistChange {
    added = sortedCopy(added);
    removed = sortedCopy(removed);
    current = sortedCopy(current);
  }

  static Set<IpRange> sortedCopy(Set<IpRange> ranges) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(ranges));
  }
}
