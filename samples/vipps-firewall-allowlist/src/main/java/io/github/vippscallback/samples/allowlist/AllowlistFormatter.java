package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.Set;

/** Writes the allowlist in one firewall's or tool's format. */
@FunctionalInterface
interface AllowlistFormatter {

  /**
   * Renders the whole set, ending with a line break unless it is empty.
   *
   * @param environment whose request servers these are
   * @param entries the set, sorted
   */
  String format(VippsEnvironment environment, Set<IpRange> entries);
}
