package io.github.vippscallback.address;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address, parsed strictly and never through DNS.
 *
 * <p>IPv4 is dotted-quad only: exactly four parts of ASCII decimal digits, each 0..255, with no leading
 * zeros ({@code 010.0.0.1}), no short forms ({@code 10.1}), no integers ({@code 167772161}), no hex or
 * octal, no trailing dot. IPv6 accepts every RFC 4291 text form: full, compressed with one {@code ::},
 * with a dotted-quad IPv4 tail in the last 32 bits, hexadecimal in either case with at most four digits
 * per group.
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}, {@code ::ffff:c000:201},
 * {@code 0:0:0:0:0:ffff:c000:201}, ...) <em>is</em> the IPv4 address: it {@linkplain #isIpv4() is IPv4},
 * equals the plain IPv4 address and prints as a dotted quad. IPv4-compatible ({@code ::192.0.2.1}),
 * NAT64 ({@code 64:ff9b::192.0.2.1}) and every other embedded form stay IPv6 addresses.
 *
 * <p>A zone id ({@code fe80::1%eth0}) is rejected: a string with a zone id is not an address here,
 * because the same text names different hosts on different interfaces. Surrounding or inner white space,
 * brackets ({@code [::1]}) and ports ({@code 192.0.2.1:443}) are not part of an address either: such
 * strings are rejected, never trimmed or resolved.
 *
 * <p>Instances are immutable values; {@link #toString()} gives the canonical form: the dotted quad for
 * IPv4, RFC 5952 for IPv6 (lower case, leading zeros dropped, the longest run of two or more zero
 * groups written as {@code ::}; embedded IPv4 forms other than mapped ones print in hexadecimal).
 * {@link #compareTo} orders IPv4 before IPv6, then numerically.
 */
public final class IpAddress implements Comparable<IpAddress> {

  private static final long V4_MASK = 0xffff_ffffL;

  /** The address as 128 bits; an IPv4 address is stored in its IPv4-mapped form. */
  private final long hi;

  private final long lo;

  private IpAddress(long hi, long lo) {
    this.hi = hi;
    this.lo = lo;
  }

  /** The IPv4 address with the given 32 bits. */
  static IpAddress ofIpv4(int address) {
    return new IpAddress(0, IpLiteralParser.MAPPED_PREFIX_LO | (address & V4_MASK));
  }

  /** The address with the given 128 bits (an IPv4-mapped value is the IPv4 address). */
  static IpAddress ofIpv6(long hi, long lo) {
    return new IpAddress(hi, lo);
  }

  /**
   * The address of an {@link InetAddress}, which is used as is: no lookup, no reverse lookup.
   *
   * @param address the address to convert; its host name, if any, is ignored
   * @return the same address as an {@code IpAddress}
   * @throws IllegalArgumentException when {@code address} is an IPv6 address with a scope (zone) id,
   *     which this class does not represent
   */
  public static IpAddress of(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      if (v6.getScopeId() != 0 || v6.getScopedInterface() != null) {
        throw new IllegalArgumentException(
            "IPv6 address with a zone id is not supported: " + address.getHostAddress());
      }
    }
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return ofIpv4((int) readBytes(bytes, 0, 4));
    }
    return ofIpv6(readBytes(bytes, 0, 8), readBytes(bytes, 8, 8));
  }

  private static long readBytes(byte[] bytes, int offset, int count) {
    long value = 0;
    for (int i = offset; i < offset + count; i++) {
      value = (value << 8) | (bytes[i] & 0xff);
    }
    return value;
  }

  /**
   * Parses an address literal.
   *
   * @param text the address literal, e.g. {@code 192.0.2.1} or {@code 2001:db8::1}
   * @return the parsed address
   * @throws IllegalArgumentException naming the value when it is not an address literal
   */
  public static IpAddress parse(String text) {
    IpAddress address = tryParse(text);
    if (address == null) {
      throw new IllegalArgumentException(
          "Not an IP address literal: "
              + QuotedValue.of(text)
              + " (expected a dotted-quad IPv4 address such as 192.0.2.1 or an IPv6 address such as"
              + " 2001:db8::1, without brackets, port, zone id or white space)");
    }
    return address;
  }

  /**
   * Parses an address literal, or returns {@code null} when {@code text} is not one.
   *
   * @param text the characters to parse, e.g. {@code 192.0.2.1} or {@code 2001:db8::1}
   * @return the address, or {@code null} when {@code text} is not an address literal
   */
  public static @Nullable IpAddress tryParse(CharSequence text) {
    return tryParse(text, 0, text.length());
  }

  /** Parses the region {@code from..to} of {@code text}, or returns {@code null}. */
  static @Nullable IpAddress tryParse(CharSequence text, int from, int to) {
    Capture capture = new Capture();
    return IpLiteralParser.parse(text, from, to, capture) ? capture.address : null;
  }

  /**
   * Whether this is an IPv4 address (including one written as IPv4-mapped IPv6).
   *
   * @return {@code true} for an IPv4 address, {@code false} for an IPv6 one
   */
  public boolean isIpv4() {
    return IpLiteralParser.isMapped(hi, lo);
  }

  /** The upper 64 bits of the 128-bit form (zero for IPv4). */
  long hi() {
    return hi;
  }

  /** The lower 64 bits of the 128-bit form (IPv4 is stored IPv4-mapped). */
  long lo() {
    return lo;
  }

  /** The 32 bits of an IPv4 address; meaningless for IPv6. */
  int ipv4() {
    return (int) lo;
  }

  /**
   * This address as an {@link InetAddress}, without any lookup.
   *
   * @return an {@link InetAddress} of the same address, without a host name
   */
  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(toBytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address was refused", e);
    }
  }

  /**
   * The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
   *
   * @return a new array holding the address bytes, which the caller may change
   */
  public byte[] toBytes() {
    if (isIpv4()) {
      byte[] bytes = new byte[4];
      writeBytes(bytes, 0, 4, lo);
      return bytes;
    }
    byte[] bytes = new byte[16];
    writeBytes(bytes, 0, 8, hi);
    writeBytes(bytes, 8, 8, lo);
    return bytes;
  }

  private static void writeBytes(byte[] bytes, int offset, int count, long value) {
    for (int i = 0; i < count; i++) {
      bytes[offset + i] = (byte) (value >>> (8 * (count - 1 - i)));
    }
  }

  @Override
  public int compareTo(IpAddress other) {
    boolean v4 = isIpv4();
    if (v4 != other.isIpv4()) {
      return v4 ? -1 : 1;
    }
    int byHi = Long.compareUnsigned(hi, other.hi);
    return byHi != 0 ? byHi : Long.compareUnsigned(lo, other.lo);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof IpAddress that && that.hi == hi && that.lo == lo;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi * 31 + lo);
  }

  /** The canonical form: dotted quad for IPv4, RFC 5952 for IPv6. */
  @Override
  public String toString() {
    if (isIpv4()) {
      int v4 = (int) lo;
      return (v4 >>> 24) + "." + ((v4 >>> 16) & 0xff) + "." + ((v4 >>> 8) & 0xff) + "." + (v4 & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    int runStart = -1;
    for (int g = 0; g <= 8; g++) {
      if (g < 8 && group(g) == 0) {
        if (runStart < 0) {
          runStart = g;
        }
      } else if (runStart >= 0) {
        if (g - runStart > bestLength) {
          bestStart = runStart;
          bestLength = g - runStart;
        }
        runStart = -1;
      }
    }
    StringBuilder text = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        text.append("::");
        g += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(group(g)));
    }
    return text.toString();
  }

  private int group(int index) {
    long half = index < 4 ? hi : lo;
    return (int) (half >>> (48 - 16 * (index & 3))) & 0xffff;
  }

  /** Keeps the address a parse produced. */
  private static final class Capture implements IpLiteralParser.Visitor {
    @Nullable IpAddress address;

    @Override
    public boolean testIpv4(int address) {
      this.address = ofIpv4(address);
      return true;
    }

    @Override
    public boolean testIpv6(long hi, long lo) {
      this.address = ofIpv6(hi, lo);
      return true;
    }
  }
}
