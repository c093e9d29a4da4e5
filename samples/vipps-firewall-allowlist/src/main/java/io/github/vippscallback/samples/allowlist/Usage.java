package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.VippsAllowlist;

/**
 * The usage text printed by {@code --help} and after every usage error. What it says a library setting takes
 * agrees with the settings table ({@link io.github.vippscallback.settings.Setting}); the forms of a DNS server
 * are the table's own.
 */
final class Usage {

  static final String TEXT = """
      Usage: java -jar vipps-firewall-allowlist.jar --environment prod|test [options]

      Prints the addresses of the servers Vipps MobilePay sends callbacks from, resolved through DNS,
      in a firewall's format. Vipps publishes only their host names, and their addresses change:
      run this with --watch to update a firewall whenever they do.

      Options:
        --environment ENV     prod (alias production) or test (alias mt). Required.
        --dns-server SERVER   A DNS server to ask: %s (IP addresses only,
                              never host names). Repeatable. Default: the system's resolvers.
        --format FORMAT       plain (default), cidr, nginx, nftables, iptables, ip6tables or json.
        --min-ttl DURATION    The shortest DNS refresh interval, e.g. 30s (default), 1s, 2m, PT10S.
        --max-ttl DURATION    The longest DNS refresh interval, e.g. 5m (default).
        --watch               Keep running; print the set again whenever it changes.
        --on-change COMMAND   With --watch: instead of printing, run COMMAND (with /bin/sh -c) with the
                              set, in --format, on its standard input, at start and after every change.
                              It also gets VIPPS_ENVIRONMENT, VIPPS_ALLOWLIST (the set),
                              VIPPS_ALLOWLIST_ADDED and VIPPS_ALLOWLIST_REMOVED (space-separated CIDRs).
        --accept-special-purpose-addresses
                              Accept loopback, private, link-local, documentation and other
                              special-purpose addresses in DNS answers. For local testing only:
                              without it such addresses are refused (and named on standard error),
                              since a firewall must never let them in on a resolver's word.
        --help                Print this text.

      Exit codes: 0 a set was printed, 2 bad usage, 3 nothing could be resolved.

      Examples:
        java -jar vipps-firewall-allowlist.jar --environment prod --format nginx > /etc/nginx/vipps.conf
        java -jar vipps-firewall-allowlist.jar --environment prod --format nftables --watch \\
            --on-change 'nft -f -'
      """.formatted(VippsAllowlist.DNS_SERVER_FORMS);

  private Usage() {}
}
