package io.github.vippscallback.core;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address, parsed strictly and never through DNS.
 *
 * <p>IPv4 is dotted-quad only: no leading zeros, no short forms ({@code 10.1}), no integers, no hex.
 * IPv6 accepts every RFC 4291 text form, including an embedded IPv4 tail. An IPv4-mapped IPv6
 * address ({@code ::ffff:a.b.c.d}, in any form) <em>is</em> the IPv4 address; IPv4-compatible
 * ({@code ::a.b.c.d}) and NAT64 ({@code 64:ff9b::a.b.c.d}) forms stay IPv6 addresses. A zone id
 * ({@code fe80::1%eth0}) is rejected: such a string is not an address. Surrounding white space,
 * brackets and ports are not part of an address either.
 *
 * <p>Instances are immutable; {@link #toString()} gives the canonical form (RFC 5952 for IPv6).
 */
public final class IpAddress implements Comparable<IpAddress> {

  private IpAddress() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Parses an address literal.
   *
   * @throws IllegalArgumentException naming the value when it is not an address literal
   */
  public static IpAddress parse(String text) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Parses an address literal, or returns {@code null} when {@code text} is not one. */
  public static @Nullable IpAddress tryParse(CharSequence text) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether this is an IPv4 address (including one written as IPv4-mapped IPv6). */
  public boolean isIpv4() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** This address as an {@link InetAddress}, without any lookup. */
  public InetAddress toInetAddress() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public int compareTo(IpAddress other) {
    throw new UnsupportedOperationException("skeleton");
  }
}
