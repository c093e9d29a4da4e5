package io.github.vippscallback.core;

/**
 * An address range in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a single address is
 * the range of its full length ({@code /32} or {@code /128}). Immutable.
 */
public final class IpRange implements Comparable<IpRange> {

  private IpRange() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Parses {@code address} or {@code address/prefix}. Host bits must be zero ({@code 10.0.0.1/8} is an
   * error, not silently widened).
   *
   * @throws IllegalArgumentException naming the bad value and why it is bad
   */
  public static IpRange parse(String text) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The range holding exactly {@code address}. */
  public static IpRange of(IpAddress address) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The first address of the range. */
  public IpAddress network() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The prefix length: 0..32 for IPv4, 0..128 for IPv6. */
  public int prefixLength() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether this range is one address. */
  public boolean isSingleAddress() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether {@code address} lies in this range. */
  public boolean contains(IpAddress address) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public int compareTo(IpRange other) {
    throw new UnsupportedOperationException("skeleton");
  }
}
