package io.github.vippscallback.address;

import org.jspecify.annotations.Nullable;

/**
 * An address range in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a single address is
 * the range of its full length ({@code /32} or {@code /128}). Immutable.
 *
 * <p>The address part is parsed as strictly as {@link IpAddress#parse} does; the prefix length is plain
 * ASCII decimal without leading zeros. IPv4 and IPv6 are separate families: an IPv6 range never contains
 * an IPv4 address, not even one written in IPv4-mapped form (write IPv4 ranges in IPv4 form, or as
 * {@code ::ffff:a.b.c.d/96+n}, which is the IPv4 range {@code a.b.c.d/n}). {@link #toString()} is
 * always {@code network/prefixLength}.
 */
public final class IpRange implements Comparable<IpRange> {

  /**
   * What a valid address or range looks like, for the error message of every setting that takes them
   * (trusted proxies, additional addresses), whatever its integration.
   */
  public static final String FORMAT =
      "an IP address or CIDR range with zero host bits, e.g. 10.0.0.1, 10.0.0.0/8, 2001:db8::/32";

  private final IpAddress network;
  private final int prefixLength;

  private IpRange(IpAddress network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address} or {@code address/prefix}. Host bits must be zero ({@code 10.0.0.1/8} is an
   * error, not silently widened).
   *
   * @param text an address or a CIDR range, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}
   * @return the parsed range
   * @throws IllegalArgumentException naming the bad value and why it is bad
   */
  public static IpRange parse(String text) {
    int slash = text.indexOf('/');
    int addressEnd = slash < 0 ? text.length() : slash;
    IpAddress address = IpAddress.tryParse(text, 0, addressEnd);
    if (address == null) {
      throw new IllegalArgumentException(
          "Not an IP address or CIDR range: "
              + QuotedValue.of(text)
              + " (valid: " + FORMAT + ")");
    }
    boolean writtenAsIpv6 = text.lastIndexOf(':', addressEnd) >= 0;
    int maxLength = address.isIpv4() && !writtenAsIpv6 ? 32 : 128;
    int prefix = slash < 0 ? maxLength : parsePrefix(text, slash + 1, maxLength);
    if (address.isIpv4() && writtenAsIpv6) {
      // ::ffff:a.b.c.d/n: a mapped network with n < 96 always has host bits set (bits 80..95 are one).
      if (prefix < 96) {
        throw new IllegalArgumentException(
            QuotedValue.of(text)
                + " has host bits set: an IPv4-mapped network needs a prefix length from 96 to"
                + " 128; write IPv4 ranges in IPv4 form, such as "
                + address
                + "/32");
      }
      prefix -= 96;
    }
    if (!hasZeroHostBits(address, prefix)) {
      throw new IllegalArgumentException(
          QuotedValue.of(text)
              + " has host bits set; did you mean "
              + new IpRange(mask(address, prefix), prefix)
              + "?");
    }
    return new IpRange(address, prefix);
  }

  private static int parsePrefix(String text, int from, int maxLength) {
    int value = 0;
    int digits = text.length() - from;
    boolean valid = digits >= 1 && digits <= 3 && !(digits > 1 && text.charAt(from) == '0');
    for (int i = from; valid && i < text.length(); i++) {
      char c = text.charAt(i);
      valid = c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (!valid || value > maxLength) {
      throw new IllegalArgumentException(
          "Bad prefix length in "
              + QuotedValue.of(text)
              + ": expected a decimal number from 0 to "
              + maxLength
              + " after the '/', without leading zeros");
    }
    return value;
  }

  /**
   * The range holding exactly {@code address}.
   *
   * @param address the single address of the range
   * @return a range of full prefix length holding only {@code address}
   */
  public static IpRange of(IpAddress address) {
    return new IpRange(address, address.isIpv4() ? 32 : 128);
  }

  /**
   * The first address of the range.
   *
   * @return the network address: the range's lowest address
   */
  public IpAddress network() {
    return network;
  }

  /**
   * The prefix length: 0..32 for IPv4, 0..128 for IPv6.
   *
   * @return the number of leading bits that every address of the range shares
   */
  public int prefixLength() {
    return prefixLength;
  }

  /**
   * Whether this range is one address.
   *
   * @return {@code true} when the prefix length is the full length of the address family
   */
  public boolean isSingleAddress() {
    return prefixLength == (network.isIpv4() ? 32 : 128);
  }

  /**
   * Whether {@code address} lies in this range (IPv4 and IPv6 are separate families).
   *
   * @param address the address to test
   * @return {@code true} when {@code address} is of this range's family and within it
   */
  public boolean contains(IpAddress address) {
    return address.isIpv4() == network.isIpv4() && mask(address, prefixLength).equals(network);
  }

  /** The prefix length counted over all 128 bits (an IPv4 range counts its 96 mapped bits). */
  int prefixLength128() {
    return network.isIpv4() ? prefixLength + 96 : prefixLength;
  }

  private static boolean hasZeroHostBits(IpAddress address, int prefix) {
    return mask(address, prefix).equals(address);
  }

  /** {@code address} with every bit after the first {@code prefix} (family-relative) cleared. */
  static IpAddress mask(IpAddress address, int prefix) {
    if (address.isIpv4()) {
      return IpAddress.ofIpv4(address.ipv4() & ipv4Mask(prefix));
    }
    return IpAddress.ofIpv6(address.hi() & hiMask(prefix), address.lo() & loMask(prefix));
  }

  /** The IPv4 netmask of a prefix length 0..32. */
  static int ipv4Mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  /** The upper half of the IPv6 netmask of a prefix length 0..128. */
  static long hiMask(int prefix) {
    return prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
  }

  /** The lower half of the IPv6 netmask of a prefix length 0..128. */
  static long loMask(int prefix) {
    return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
  }

  @Override
  public int compareTo(IpRange other) {
    int byNetwork = network.compareTo(other.network);
    return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof IpRange that
        && that.prefixLength == prefixLength
        && that.network.equals(network);
  }

  @Override
  public int hashCode() {
    return network.hashCode() * 31 + prefixLength;
  }

  /** {@code network/prefixLength}, with the network in canonical form. */
  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
