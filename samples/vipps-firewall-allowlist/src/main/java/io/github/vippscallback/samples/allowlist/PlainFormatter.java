package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.Set;

/** One entry a line: {@code plain} writes single addresses bare, {@code cidr} always with a prefix. */
final class PlainFormatter implements AllowlistFormatter {

  private final boolean alwaysCidr;

  PlainFormatter(boolean alwaysCidr) {
    this.alwaysCidr = alwaysCidr;
  }

  @Override
  public String format(VippsEnvironment environment, Set<IpRange> entries) {
    StringBuilder out = new StringBuilder();
    for (IpRange entry : entries) {
      out.append(alwaysCidr ? Entries.cidr(entry) : Entries.plain(entry)).append('\n');
    }
    return out.toString();
  }
}
