package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import java.util.Set;

/** Hands the allowlist to its consumer: at start, and with {@code --watch} after every change. */
interface SetReporter {

  /**
   * Reports the set.
   *
   * @param current the whole set, sorted
   * @param added what is new since the last report (at start: the whole set)
   * @param removed what is gone since the last report (at start: nothing)
   */
  void report(Set<IpRange> current, Set<IpRange> added, Set<IpRange> removed) throws InterruptedException;
}
