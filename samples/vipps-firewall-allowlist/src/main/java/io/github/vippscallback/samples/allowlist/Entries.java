package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** How entries of the allowlist are written: single addresses bare or as CIDR, ranges always as CIDR. */
final class Entries {

  private Entries() {}

  /** {@code 192.0.2.1} for a single address, {@code 192.0.2.0/24} for a range. */
  static String plain(IpRange entry) {
    return entry.isSingleAddress() ? entry.network().toString() : cidr(entry);
  }

  /** Always CIDR: {@code 192.0.2.1/32}, {@code 2001:db8::1/128}, {@code 192.0.2.0/24}. */
  static String cidr(IpRange entry) {
    return entry.network() + "/" + entry.prefixLength();
  }

  static boolean isIpv4(IpRange entry) {
    return entry.network().isIpv4();
  }

  static List<IpRange> ipv4(Set<IpRange> entries) {
    return entries.stream().filter(Entries::isIpv4).toList();
  }

  static List<IpRange> ipv6(Set<IpRange> entries) {
    return entries.stream().filter(entry -> !isIpv4(entry)).toList();
  }

  /** The entries as CIDRs separated by single spaces, for environment variables. */
  static String spaceSeparatedCidrs(Set<IpRange> entries) {
    return entries.stream().map(Entries::cidr).collect(Collectors.joining(" "));
  }
}
