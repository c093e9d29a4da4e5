package io.github.vippscallback.address;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The IANA special-purpose address blocks, and how a DNS answer's address in each is treated.
 *
 * <p>Source: the IANA IPv4 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv4-special-registry) and the IANA IPv6 Special-Purpose Address
 * Registry (https://www.iana.org/assignments/iana-ipv6-special-registry), RFC 6890 as updated by RFC 8190,
 * transcribed as the registries stood in 2025 (IPv6 registry last updated 2025-10-09). Each block carries
 * the registry's name, RFC and "Globally Reachable" value. Four rows come from elsewhere and say so: the
 * multicast blocks {@code 224.0.0.0/4} (RFC 5771) and {@code ff00::/8} (RFC 4291 §2.7), which have their own
 * registries, the deprecated IPv4-compatible block {@code ::/96} (RFC 4291 §2.5.5.1) and the deprecated
 * site-local block {@code fec0::/10} (RFC 3879).
 *
 * <p>The registry's {@code ::ffff:0:0/96} (IPv4-mapped Address, RFC 4291) is not a row here: an
 * {@link IpAddress} in that block <em>is</em> the IPv4 address, so the block cannot be told apart by
 * address. Whoever reads an AAAA answer refuses every IPv4 (mapped) address in it, as never accepted.
 *
 * <p>Treatment of an address in a block (the most specific block holding it counts, so
 * {@code 192.0.0.9/32}, globally reachable, wins over {@code 192.0.0.0/24}, which is not):
 *
 * <ul>
 *   <li>{@link Treatment#NEVER_ACCEPTED}: no request server can have it, whatever the opt-in: "this network"
 *       {@code 0.0.0.0/8}, unspecified {@code ::}, limited broadcast, multicast, and {@code 240.0.0.0/4};
 *   <li>{@link Treatment#OPT_IN}: every other block whose registry value is not "True" (False, or N/A as for
 *       6to4 and Teredo), plus the NAT64 well-known prefix {@code 64:ff9b::/96}, which the registry marks
 *       globally reachable but which a DNS64 resolver synthesises around any IPv4 address (also loopback)
 *       and from which no callback arrives; accepted only with the opt-in, for local testing;
 *   <li>{@link Treatment#ACCEPTED}: the globally reachable blocks (anycast services, AS112, AMT, ORCHIDv2,
 *       ...), like any other public address.
 * </ul>
 *
 * <p>Immutable and thread-safe. A lookup walks the few dozen rows; it runs on the refresh thread only,
 * never on the request path.
 */
public final class SpecialPurposeAddresses {

  /** The registry's "Globally Reachable" column. */
  public enum Reachability {
    /** "True". */
    GLOBAL,
    /** "False". */
    NOT_GLOBAL,
    /** "N/A" (6to4, Teredo, deprecated blocks), or a block from another registry that is not global. */
    NOT_APPLICABLE
  }

  /** How a DNS answer's address in a block is treated. */
  public enum Treatment {
    /** Refused, also with the opt-in. */
    NEVER_ACCEPTED,
    /** Refused unless special-purpose addresses are accepted (local testing). */
    OPT_IN,
    /** Accepted like any public address. */
    ACCEPTED
  }

  /**
   * One special-purpose block.
   *
   * @param range the block
   * @param name the registry's name, e.g. {@code Loopback}
   * @param rfc where it is defined, e.g. {@code RFC 1122}
   * @param reachability the registry's "Globally Reachable" value
   * @param treatment how an address in it from a DNS answer is treated
   */
  public record Block(IpRange range, String name, String rfc, Reachability reachability, Treatment treatment) {

    /** {@code 127.0.0.0/8 Loopback (RFC 1122)}. */
    @Override
    public String toString() {
      return range + " " + name + " (" + rfc + ")";
    }
  }

  private static final List<Block> BLOCKS = List.of(
      // IPv4 Special-Purpose Address Registry
      block("0.0.0.0/8", "\"This network\"", "RFC 791", Reachability.NOT_GLOBAL, Treatment.NEVER_ACCEPTED),
      block("0.0.0.0/32", "\"This host on this network\"", "RFC 1122", Reachability.NOT_GLOBAL,
          Treatment.NEVER_ACCEPTED),
      block("10.0.0.0/8", "Private-Use", "RFC 1918", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("100.64.0.0/10", "Shared Address Space", "RFC 6598", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("127.0.0.0/8", "Loopback", "RFC 1122", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("169.254.0.0/16", "Link Local", "RFC 3927", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("172.16.0.0/12", "Private-Use", "RFC 1918", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", Reachability.NOT_GLOBAL,
          Treatment.OPT_IN),
      block("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", Reachability.GLOBAL,
          Treatment.ACCEPTED),
      block("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 7050", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 7050", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("192.31.196.0/24", "AS112-v4", "RFC 7535", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("192.52.193.0/24", "AMT", "RFC 7450", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", Reachability.NOT_APPLICABLE,
          Treatment.OPT_IN),
      block("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("192.168.0.0/16", "Private-Use", "RFC 1918", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", Reachability.GLOBAL,
          Treatment.ACCEPTED),
      block("198.18.0.0/15", "Benchmarking", "RFC 2544", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("240.0.0.0/4", "Reserved", "RFC 1112", Reachability.NOT_GLOBAL, Treatment.NEVER_ACCEPTED),
      block("255.255.255.255/32", "Limited Broadcast", "RFC 919", Reachability.NOT_GLOBAL,
          Treatment.NEVER_ACCEPTED),
      // IPv4 multicast (IANA IPv4 Multicast Address Space Registry)
      block("224.0.0.0/4", "Multicast", "RFC 5771", Reachability.NOT_APPLICABLE, Treatment.NEVER_ACCEPTED),
      // IPv6 Special-Purpose Address Registry
      block("::1/128", "Loopback Address", "RFC 4291", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("::/128", "Unspecified Address", "RFC 4291", Reachability.NOT_GLOBAL, Treatment.NEVER_ACCEPTED),
      block("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", Reachability.GLOBAL, Treatment.OPT_IN),
      block("64:ff9b:1::/48", "IPv4-IPv6 Translat.", "RFC 8215", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("100::/64", "Discard-Only Address Block", "RFC 6666", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("2001::/23", "IETF Protocol Assignments", "RFC 2928", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("2001::/32", "TEREDO", "RFC 4380", Reachability.NOT_APPLICABLE, Treatment.OPT_IN),
      block("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", Reachability.GLOBAL,
          Treatment.ACCEPTED),
      block("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", Reachability.GLOBAL,
          Treatment.ACCEPTED),
      block("2001:2::/48", "Benchmarking", "RFC 5180", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("2001:3::/32", "AMT", "RFC 7450", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("2001:4:112::/48", "AS112-v6", "RFC 7535", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", Reachability.NOT_APPLICABLE,
          Treatment.OPT_IN),
      block("2001:20::/28", "ORCHIDv2", "RFC 7343", Reachability.GLOBAL, Treatment.ACCEPTED),
      block("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", Reachability.GLOBAL,
          Treatment.ACCEPTED),
      block("2001:db8::/32", "Documentation", "RFC 3849", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("2002::/16", "6to4", "RFC 3056", Reachability.NOT_APPLICABLE, Treatment.OPT_IN),
      block("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", Reachability.GLOBAL,
          Treatment.ACCEPTED),
      block("3fff::/20", "Documentation", "RFC 9637", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("fc00::/7", "Unique-Local", "RFC 4193", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      block("fe80::/10", "Link-Local Unicast", "RFC 4291", Reachability.NOT_GLOBAL, Treatment.OPT_IN),
      // IPv6 multicast (IANA IPv6 Multicast Address Space Registry) and two deprecated forms
      block("ff00::/8", "Multicast", "RFC 4291", Reachability.NOT_APPLICABLE, Treatment.NEVER_ACCEPTED),
      block("::/96", "IPv4-compatible Address (deprecated)", "RFC 4291", Reachability.NOT_APPLICABLE,
          Treatment.OPT_IN),
      block("fec0::/10", "Site-Local (deprecated)", "RFC 3879", Reachability.NOT_APPLICABLE, Treatment.OPT_IN));

  private SpecialPurposeAddresses() {}

  private static Block block(
      String range, String name, String rfc, Reachability reachability, Treatment treatment) {
    return new Block(IpRange.parse(range), name, rfc, reachability, treatment);
  }

  /**
   * Every block, IPv4 first, in registry order.
   *
   * @return every special-purpose block, unmodifiable
   */
  public static List<Block> blocks() {
    return BLOCKS;
  }

  /**
   * The most specific block holding {@code address}, or {@code null} when it lies in none (a public
   * address). An IPv4-mapped value is the IPv4 address (see {@link IpAddress}): its IPv4 block is returned.
   *
   * @param address the address to look up
   * @return the most specific block holding {@code address}, or {@code null} for a public address
   */
  public static @Nullable Block blockOf(IpAddress address) {
    Block best = null;
    for (Block block : BLOCKS) {
      if (block.range().contains(address)
          && (best == null || block.range().prefixLength() > best.range().prefixLength())) {
        best = block;
      }
    }
    return best;
  }
}
