package io.github.vippscallback.address;

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
 *
 * <p>Speed: the two forms a servlet container hands over, a dotted quad and the eight uncompressed
 * groups of {@code InetAddress.getHostAddress()}, are each read in one flat pass with one branch per
 * character that the text decides; every other IPv6 form goes through the general IPv6 parser.
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
    if (to - from <= MAX_IPV4_LENGTH) {
      long v4 = parseIpv4(text, from, to);
      if (v4 >= 0) {
        return visitor.testIpv4((int) v4);
      }
    }
    // Not a dotted quad, so only the IPv6 form is left. A region whose first separator is a '.' fails
    // at once there: no IPv6 literal starts with a dotted quad.
    int plain = parsePlainIpv6(text, from, to, visitor);
    return plain != NOT_PLAIN ? plain == ANSWER_TRUE : parseIpv6(text, from, to, visitor);
  }

  /** Whether {@code lo}, with an all-zero upper half, is an IPv4-mapped address. */
  static boolean isMapped(long hi, long lo) {
    return hi == 0 && (lo >>> 32) == 0xffffL;
  }

  /**
   * Parses a dotted quad, returning its 32 bits as a non-negative long, or -1 when the region is not
   * exactly a dotted quad.
   */
  static long parseIpv4(CharSequence text, int from, int to) {
    // One pass with one branch per character that the text decides (digit or not); a part is checked
    // at the '.' after it and at the end.
    int result = 0;
    int part = 0;
    int partStart = from;
    int dots = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit >= 0 && digit <= 9) {
        part = part * 10 + digit;
        continue;
      }
      if (digit != '.' - '0' || dots == 3 || !isIpv4Part(text, partStart, i, part)) {
        return -1;
      }
      result = (result << 8) | part;
      part = 0;
      partStart = i + 1;
      dots++;
    }
    if (dots != 3 || !isIpv4Part(text, partStart, to, part)) {
      return -1;
    }
    return ((result << 8) | part) & 0xffff_ffffL;
  }

  /**
   * Whether the digits {@code from..to}, whose value is {@code value} when there are at most three, are a
   * part of a dotted quad: one to three digits, at most 255, no leading zero.
   */
  private static boolean isIpv4Part(CharSequence text, int from, int to, int value) {
    int digits = to - from;
    return digits >= 1 && digits <= 3 && value <= 255 && (digits == 1 || text.charAt(from) != '0');
  }

  /**
   * The form servlet containers hand over ({@code InetAddress.getHostAddress()}): exactly eight groups of
   * one to four hexadecimal digits separated by single colons, as in {@code 2001:db8:0:0:0:0:0:1}. One
   * flat pass with one branch per character that the text decides (hex digit or not), about twice as
   * fast as {@link #parseIpv6}, which decides every region this form does not cover.
   *
   * @return {@link #NOT_PLAIN} when the region is not in exactly this form, else {@link #ANSWER_TRUE} or
   *     {@link #ANSWER_FALSE}: the visitor's answer
   */
  static int parsePlainIpv6(CharSequence text, int from, int to, Visitor visitor) {
    int length = to - from;
    if (length < MIN_PLAIN_IPV6_LENGTH || length > MAX_PLAIN_IPV6_LENGTH) {
      return NOT_PLAIN;
    }
    long hi = 0;
    long lo = 0;
    int group = 0;
    int groupStart = from;
    int colons = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int value = c < LATIN1 ? PLAIN_VALUES[c] : OTHER;
      if (value < COLON) {
        group = (group << 4) | value;
        continue;
      }
      if (value != COLON || colons == 7 || !isPlainGroup(groupStart, i)) {
        return NOT_PLAIN;
      }
      hi = (hi << 16) | (lo >>> 48);
      lo = (lo << 16) | group;
      group = 0;
      groupStart = i + 1;
      colons++;
    }
    if (colons != 7 || !isPlainGroup(groupStart, to)) {
      return NOT_PLAIN;
    }
    hi = (hi << 16) | (lo >>> 48);
    lo = (lo << 16) | group;
    boolean answer = isMapped(hi, lo) ? visitor.testIpv4((int) lo) : visitor.testIpv6(hi, lo);
    return answer ? ANSWER_TRUE : ANSWER_FALSE;
  }

  /** Whether a group of the plain IPv6 form, {@code from..to}, has one to four digits. */
  private static boolean isPlainGroup(int from, int to) {
    return to - from >= 1 && to - from <= 4;
  }

  static boolean parseIpv6(CharSequence text, int from, int to, Visitor visitor) {
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

  /**
   * The size of the character tables: every character a Latin-1 {@code String} can hold (every address
   * literal is one). With 256 entries instead of 128, the test before each table load is one the JIT can
   * drop for such a string; the plain IPv6 pass took about a third less time (docs/PERFORMANCE.md).
   */
  private static final int LATIN1 = 256;

  /** The value of a hexadecimal digit, -1 for every other Latin-1 character. */
  private static final byte[] HEX_VALUES = hexValues();

  private static byte[] hexValues() {
    byte[] values = new byte[LATIN1];
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

  /** The longest dotted quad, {@code 255.255.255.255}. */
  private static final int MAX_IPV4_LENGTH = 15;

  /** The shortest and the longest plain IPv6 form: {@code 0:0:0:0:0:0:0:0}, eight groups of four. */
  private static final int MIN_PLAIN_IPV6_LENGTH = 15;

  private static final int MAX_PLAIN_IPV6_LENGTH = 39;

  /** {@link #parsePlainIpv6}'s answers. */
  static final int NOT_PLAIN = -1;

  private static final int ANSWER_FALSE = 0;
  private static final int ANSWER_TRUE = 1;

  /** In {@link #PLAIN_VALUES}: ':', and every character that is neither a hex digit nor ':'. */
  private static final byte COLON = 16;

  private static final byte OTHER = 32;

  /** The value of a hexadecimal digit, {@link #COLON} for ':', {@link #OTHER} for every other Latin-1 character. */
  private static final byte[] PLAIN_VALUES = plainValues();

  private static byte[] plainValues() {
    byte[] values = new byte[LATIN1];
    for (int c = 0; c < values.length; c++) {
      values[c] = HEX_VALUES[c] >= 0 ? HEX_VALUES[c] : OTHER;
    }
    values[':'] = COLON;
    return values;
  }

  /** One table load instead of a chain of range tests whose outcome the branch predictor cannot guess. */
  private static int hexValue(char c) {
    return c < LATIN1 ? HEX_VALUES[c] : -1;
  }
}
