package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An {@code nft -f} script that defines the sets {@code <env>_ipv4} and {@code <env>_ipv6} in table
 * {@code inet vipps_callback} (creating them if needed) and replaces their elements. {@code nft -f}
 * applies a file atomically, so running it again after a change swaps the set without a gap. Rules
 * refer to the sets, e.g. {@code ip saddr @prod_ipv4 tcp dport 443 accept}.
 */
final class NftablesFormatter implements AllowlistFormatter {

  static final String TABLE = "inet vipps_callback";

  @Override
  public String format(VippsEnvironment environment, Set<IpRange> entries) {
    String ipv4Set = environment.id() + "_ipv4";
    String ipv6Set = environment.id() + "_ipv6";
    StringBuilder out = new StringBuilder()
        .append("# Vipps MobilePay request servers (").append(environment.id())
        .append("), by vipps-firewall-allowlist; load with: nft -f FILE\n")
        .append("add table ").append(TABLE).append('\n');
    defineAndFill(out, ipv4Set, "ipv4_addr", Entries.ipv4(entries));
    defineAndFill(out, ipv6Set, "ipv6_addr", Entries.ipv6(entries));
    return out.toString();
  }

  private static void defineAndFill(StringBuilder out, String set, String type, List<IpRange> elements) {
    out.append("add set ").append(TABLE).append(' ').append(set)
        .append(" { type ").append(type).append("; flags interval; auto-merge; }\n")
        .append("flush set ").append(TABLE).append(' ').append(set).append('\n');
    if (!elements.isEmpty()) {
      out.append("add element ").append(TABLE).append(' ').append(set).append(" { ")
          .append(elements.stream().map(Entries::plain).collect(Collectors.joining(", ")))
          .append(" }\n");
    }
  }
}
