package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.Locale;
import java.util.Set;

/**
 * An {@code iptables-restore --noflush} (or {@code ip6tables-restore --noflush}) file: the chain
 * {@code VIPPS-CALLBACK-<ENV>} is emptied and gets one {@code -A ... -s X -j ACCEPT} line per entry of
 * one address family. Jump to it from your own rules, and drop what it does not accept.
 */
final class IptablesFormatter implements AllowlistFormatter {

  private final boolean ipv4;

  IptablesFormatter(boolean ipv4) {
    this.ipv4 = ipv4;
  }

  static String chain(VippsEnvironment environment) {
    return "VIPPS-CALLBACK-" + environment.id().toUpperCase(Locale.ROOT);
  }

  @Override
  public String format(VippsEnvironment environment, Set<IpRange> entries) {
    String chain = chain(environment);
    StringBuilder out = new StringBuilder()
        .append("# Vipps MobilePay request servers (").append(environment.id())
        .append("), by vipps-firewall-allowlist; load with: ")
        .append(ipv4 ? "iptables-restore" : "ip6tables-restore").append(" --noflush FILE\n")
        .append("*filter\n")
        .append(':').append(chain).append(" - [0:0]\n")
        .append("-F ").append(chain).append('\n');
    for (IpRange entry : ipv4 ? Entries.ipv4(entries) : Entries.ipv6(entries)) {
      out.append("-A ").append(chain).append(" -s ").append(Entries.cidr(entry)).append(" -j ACCEPT\n");
    }
    return out.append("COMMIT\n").toString();
  }
}
