package io.github.vippscallback.core;

import java.util.Objects;

/**
 * The strict IP-literal parser behind {@link IpAddress}, {@link IpRange}, {@link AddressSet} and
 * {@link ClientAddressResolver}. It reads a region of a {@link CharSequence} in place, allocates nothing
 * and never performs a DNS lookup; the parsed value goes to a caller-supplied {@link Visitor}.
 *
 * <p>Accepted: IPv4 in dotted-quad form only (four ASCII decimal parts 0..255, no leading zeros); IPv6
 * in every RFC 4291 text form (full, one {@code ::}, an embedded dotted-quad IPv4 in the last 32 bits,
 * hexadecimal in either case, one to four digits per group). Everything else, including white space,
 * brackets, ports, zone ids ({@code %eth0}), non-ASCII digits, trailing dots and short or integer IPv4
 * forms, is not an address. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d} in any spelling) is
 * delivered as the IPv4 address.
 */
final class IpLiteralParser {

  /** The upper 80 bits of an IPv4-mapped IPv6 address are zero, the next 16 are one. */
  static final long MAPPED_PREFIX_LO = 0x0000_ffff_0000_0000L;

  /** Receives the address a successful parse produced; its answer is the parse's answer. */
  interface Visitor {

    /** Receives an IPv4 address (also one written in IPv4-mapped IPv6 form), as its 32 bits. */
    boolean testIpv4(int address);

    /** Receives an IPv6 address that is not IPv4-mapped, as its upper and lower 64 bits. */
    boolean testIpv6(long hi, long lo);
  }

  /** Accepts every address: for telling literals from non-literals. */
  private static final Visitor ANY_ADDRESS =
      new Visitor() {
        @Override
        public boolean testIpv4(int address) {
          return true;
        }

        @Override
        public boolean testIpv6(long hi, long lo) {
          return true;
        }
      };

  private IpLiteralParser() {}

  /** Whether the region {@code from..to} of {@code text} is an address literal. Allocates nothing. */
  static boolean isLiteral(CharSequence text, int from, int to) {
    return parse(text, from, to, ANY_ADDRESS);
  }

  /**
   * Parses all of {@code text}.
   *
   * @return {@code false} when {@code text} is not an address literal, else what {@code visitor} answers
   */
  static boolean parse(CharSequence text, Visitor visitor) {
    return parse(text, 0, text.length(), visitor);
  }

  /**
   * Parses the characters of {@code text} from index {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @return {@code false} when the region is not an address literal, else what {@code visitor} answers
   * @throws IndexOutOfBoundsException when the region is not inside {@code text}
   */
  static boolean parse(CharSequence text, int from, int to, Visitor visitor) {
    Objects.checkFromToIndex(from, to, text.length());
    if (from == to) {
      return false;
    }
    if (!colonBeforeDot(text, from, to)) {
      long v4 = parseIpv4(text, from, to);
      return v4 >= 0 && visitor.testIpv4((int) v4);
    }
    return parseIpv6(text, from, to, visitor);
  }

  /** Whether {@code lo}, with an all-zero upper half, is an IPv4-mapped address. */
  static boolean isMapped(long hi, long lo) {
    return hi == 0 && (lo >>> 32) == 0xffffL;
  }

  /**
   * Whether a ':' comes before any '.': then only the IPv6 form can match. A literal of either form has
   * its first separator within five characters, so this reads at most that far into a real address
   * (an IPv4 literal has no ':'; an IPv6 literal has a ':' before any '.' of an embedded IPv4 tail).
   */
  private static boolean colonBeforeDot(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == ':') {
        return true;
      }
      if (c == '.') {
        return false;
      }
    }
    return false;
  }

  /**
   * Parses a dotted quad, returning its 32 bits as a non-negative long, or -1 when the region is not
   * exactly a dotted quad.
   */
  static long parseIpv4(CharSequence text, int from, int to) {
    int i = from;
    long result = 0;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= to || text.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
      int start = i;
      int value = 0;
      while (i < to && i - start < 3) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        value = value * 10 + (c - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
        return -1;
      }
      result = (result << 8) | value;
    }
    return i == to ? result : -1;
  }

  private static boolean parseIpv6(CharSequence text, int from, int to, Visitor visitor) {
    int i = from;
    // Groups before "::" (or all groups when there is none) are placed directly at their index;
    // groups after "::" are shifted in from the right, which is where they end up.
    long headHi = 0;
    long headLo = 0;
    long tailHi = 0;
    long tailLo = 0;
    int head = 0;
    int tail = 0;
    boolean compressed = false;
    if (text.charAt(i) == ':') {
      if (i + 1 >= to || text.charAt(i + 1) != ':') {
        return false;
      }
      compressed = true;
      i += 2;
    }
    while (i < to) {
      int start = i;
      int group = 0;
      int digits = 0;
      while (i < to && digits <= 4) {
        int d = hexValue(text.charAt(i));
        if (d < 0) {
          break;
        }
        group = (group << 4) | d;
        digits++;
        i++;
      }
      if (digits == 0 || digits > 4) {
        return false;
      }
      if (i < to && text.charAt(i) == '.') {
        long v4 = parseIpv4(text, start, to);
        if (v4 < 0) {
          return false;
        }
        if (compressed) {
          if (head + tail + 2 > 7) {
            return false;
          }
          tailHi = (tailHi << 32) | (tailLo >>> 32);
          tailLo = (tailLo << 32) | v4;
          tail += 2;
        } else {
          if (head != 6) {
            return false;
          }
          headLo |= v4;
          head = 8;
        }
        i = to;
        break;
      }
      if (compressed) {
        if (head + tail + 1 > 7) {
          return false;
        }
        tailHi = (tailHi << 16) | (tailLo >>> 48);
        tailLo = (tailLo << 16) | group;
        tail++;
      } else {
        if (head == 8) {
          return false;
        }
        if (head < 4) {
          headHi |= ((long) group) << (48 - 16 * head);
        } else {
          headLo |= ((long) group) << (48 - 16 * (head - 4));
        }
        head++;
      }
      if (i == to) {
        break;
      }
      if (text.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i == to) {
        return false;
      }
      if (text.charAt(i) == ':') {
        if (compressed || head > 7) {
          return false;
        }
        compressed = true;
        i++;
      }
    }
    if (compressed ? head + tail > 7 : head != 8) {
      return false;
    }
    long hi = headHi | tailHi;
    long lo = headLo | tailLo;
    if (isMapped(hi, lo)) {
      return visitor.testIpv4((int) lo);
    }
    return visitor.testIpv6(hi, lo);
  }

  /** The value of an ASCII hexadecimal digit, -1 for every other ASCII character. */
  private static final byte[] HEX_VALUES = hexValues();

  private static byte[] hexValues() {
    byte[] values = new byte[128];
    java.util.Arrays.fill(values, (byte) -1);
    for (int d = 0; d < 10; d++) {
      values['0' + d] = (byte) d;
    }
    for (int d = 0; d < 6; d++) {
      values['a' + d] = (byte) (10 + d);
      values['A' + d] = (byte) (10 + d);
    }
    return values;
  }

  /** One table load instead of a chain of range tests whose outcome the branch predictor cannot guess. */
  private static int hexValue(char c) {
    return c < 128 ? HEX_VALUES[c] : -1;
  }
}
