package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The formats of {@code --format}. */
enum OutputFormat {
  PLAIN("plain"),
  CIDR("cidr"),
  NGINX("nginx"),
  NFTABLES("nftables"),
  IPTABLES("iptables"),
  IP6TABLES("ip6tables"),
  JSON("json");

  private final String id;

  OutputFormat(String id) {
    this.id = id;
  }

  static OutputFormat parse(String value) throws UsageException {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (OutputFormat format : values()) {
      if (format.id.equals(wanted)) {
        return format;
      }
    }
    throw new UsageException(OptionsParser.FORMAT + " '" + value + "' is not a format; valid values are "
        + validValues());
  }

  static String validValues() {
    return Arrays.stream(values()).map(format -> format.id).collect(Collectors.joining(", "));
  }

  String id() {
    return id;
  }

  String render(VippsEnvironment environment, Set<IpRange> entries) {
    return formatter().format(environment, entries);
  }

  private AllowlistFormatter formatter() {
    return switch (this) {
      case PLAIN -> new PlainFormatter(false);
      case CIDR -> new PlainFormatter(true);
      case NGINX -> new NginxFormatter();
      case NFTABLES -> new NftablesFormatter();
      case IPTABLES -> new IptablesFormatter(true);
      case IP6TABLES -> new IptablesFormatter(false);
      case JSON -> new JsonFormatter();
    };
  }

  /** A note for stderr when this format cannot hold some entries (the other address family), else null. */
  @Nullable String leftOut(Set<IpRange> entries) {
    if (this == IPTABLES && !Entries.ipv6(entries).isEmpty()) {
      return "note: iptables holds IPv4 only; " + Entries.ipv6(entries).size()
          + " IPv6 entries are left out: run again with --format ip6tables";
    }
    if (this == IP6TABLES && !Entries.ipv4(entries).isEmpty()) {
      return "note: ip6tables holds IPv6 only; " + Entries.ipv4(entries).size()
          + " IPv4 entries are left out: run again with --format iptables";
    }
    return null;
  }
}
