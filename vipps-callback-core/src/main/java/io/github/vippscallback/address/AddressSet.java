package io.github.vippscallback.address;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of address ranges with an allocation-free membership test whose cost does not grow
 * with the number of entries (one hash probe per distinct prefix length). The snapshot
 * {@link io.github.vippscallback.allowlist.VippsAllowlist#decide} reads.
 *
 * <p>Per address family there is one open-addressing hash set of masked networks for every distinct
 * prefix length present ({@code int} keys for IPv4, pairs of {@code long} for IPv6). A lookup masks the
 * address with each prefix length, longest first, and probes that length's set; so it costs at most 33
 * probes for IPv4 and 129 for IPv6 however many ranges there are, and allocates nothing. When a family
 * has more than one prefix length, a bit set filter first asks whether any range shares the address's
 * network at the family's shortest prefix length; most addresses outside the set stop there, after one
 * load, instead of probing every length.
 */
public final class AddressSet {

  private static final AddressSet EMPTY = new AddressSet(new TreeSet<>());

  /** Multiplier of the Fibonacci hash (2^64 / golden ratio). */
  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  private final Set<IpRange> ranges;
  private final Matcher matcher;

  private AddressSet(SortedSet<IpRange> sorted) {
    this.ranges = Collections.unmodifiableSortedSet(sorted);
    this.matcher = new Matcher(sorted);
  }

  /**
   * The empty set.
   *
   * @return the set that contains no address
   */
  public static AddressSet empty() {
    return EMPTY;
  }

  /**
   * A set holding exactly the given ranges (a single address is a full-length range).
   *
   * @param ranges the ranges, in any order; duplicates and overlaps are allowed
   * @return a set containing every address of {@code ranges} and no other
   */
  public static AddressSet of(Collection<IpRange> ranges) {
    if (ranges.isEmpty()) {
      return EMPTY;
    }
    return new AddressSet(new TreeSet<>(ranges));
  }

  /**
   * Whether {@code address} is an address literal (as {@link IpAddress#tryParse} accepts) inside one of
   * the ranges. Parses the characters in place: no allocation, no DNS. {@code null} and anything that is
   * not an address literal are never contained.
   *
   * @param address the characters to test, e.g. a peer address as the web server reports it; may be {@code null}
   * @return {@code true} only when {@code address} is an address literal inside one of the ranges
   */
  public boolean contains(@Nullable CharSequence address) {
    return address != null && IpLiteralParser.parse(address, matcher);
  }

  /**
   * Whether the region {@code from..to} of {@code text} is an address literal inside one of the ranges;
   * allocation-free like {@link #contains(CharSequence)}.
   */
  boolean contains(CharSequence text, int from, int to) {
    return IpLiteralParser.parse(text, from, to, matcher);
  }

  /** Whether {@code address} is inside one of the ranges. */
  boolean contains(IpAddress address) {
    return address.isIpv4()
        ? matcher.testIpv4(address.ipv4())
        : matcher.testIpv6(address.hi(), address.lo());
  }

  /** Whether the set holds nothing. */
  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** The ranges, sorted (IPv4 before IPv6, then by network and prefix length); unmodifiable. */
  Set<IpRange> ranges() {
    return ranges;
  }

  @Override
  public String toString() {
    return "AddressSet" + ranges;
  }

  private static int slotBits(int count) {
    // At most half full, at least two slots.
    int slots = Math.max(2, Integer.highestOneBit(Math.max(1, count)) << 2);
    return Integer.numberOfTrailingZeros(slots);
  }

  private static int ipv4Slot(int key, int bits) {
    return (int) (((key & 0xffff_ffffL) * GOLDEN) >>> (64 - bits));
  }

  private static int ipv6Slot(long hi, long lo, int bits) {
    long h = (hi * GOLDEN + lo) * GOLDEN;
    return (int) ((h ^ (h >>> 29)) >>> (64 - bits)) & ((1 << bits) - 1);
  }

  /** The probe tables; also the parser's visitor, so that a lookup needs no object of its own. */
  private static final class Matcher implements IpLiteralParser.Visitor {

    /** Distinct IPv4 prefix lengths present, longest first, and one table per length. */
    private final int[] v4Prefixes;

    private final int[][] v4Tables;
    private final int[] v4Bits;

    /** Whether the masked network 0 is in the table of the same index (0 marks free slots). */
    private final boolean[] v4HasZero;

    private final int[] v6Prefixes;

    /** Pairs of (hi, lo) per slot. */
    private final long[][] v6Tables;

    private final int[] v6Bits;
    private final boolean[] v6HasZero;

    /**
     * Per family, one bit per hash of each range's network cut to the family's shortest prefix length
     * (the masks {@link #v4FilterMask}, {@link #v6FilterHiMask} and {@link #v6FilterLoMask}): an address
     * whose bit is clear is in no range of that family. Empty (and not consulted) when the family has
     * fewer than two prefix lengths, where the single probe costs as little as the filter.
     */
    private final long[] v4Filter;

    private final int v4FilterMask;
    private final int v4FilterBits;
    private final long[] v6Filter;
    private final long v6FilterHiMask;
    private final long v6FilterLoMask;
    private final int v6FilterBits;

    Matcher(Collection<IpRange> ranges) {
      List<IpRange> v4 = new ArrayList<>();
      List<IpRange> v6 = new ArrayList<>();
      for (IpRange range : ranges) {
        (range.network().isIpv4() ? v4 : v6).add(range);
      }
      v4Prefixes = distinctPrefixesLongestFirst(v4);
      v4Tables = new int[v4Prefixes.length][];
      v4Bits = new int[v4Prefixes.length];
      v4HasZero = new boolean[v4Prefixes.length];
      for (int t = 0; t < v4Prefixes.length; t++) {
        List<IpRange> same = withPrefix(v4, v4Prefixes[t]);
        int bits = slotBits(same.size());
        int[] table = new int[1 << bits];
        for (IpRange range : same) {
          int key = range.network().ipv4();
          if (key == 0) {
            v4HasZero[t] = true;
            continue;
          }
          int slot = ipv4Slot(key, bits);
          while (table[slot] != 0 && table[slot] != key) {
            slot = (slot + 1) & (table.length - 1);
          }
          table[slot] = key;
        }
        v4Tables[t] = table;
        v4Bits[t] = bits;
      }
      v6Prefixes = distinctPrefixesLongestFirst(v6);
      v6Tables = new long[v6Prefixes.length][];
      v6Bits = new int[v6Prefixes.length];
      v6HasZero = new boolean[v6Prefixes.length];
      for (int t = 0; t < v6Prefixes.length; t++) {
        List<IpRange> same = withPrefix(v6, v6Prefixes[t]);
        int bits = slotBits(same.size());
        long[] table = new long[2 << bits];
        int mask = (1 << bits) - 1;
        for (IpRange range : same) {
          long hi = range.network().hi();
          long lo = range.network().lo();
          if (hi == 0 && lo == 0) {
            v6HasZero[t] = true;
            continue;
          }
          int slot = ipv6Slot(hi, lo, bits);
          while ((table[2 * slot] != 0 || table[2 * slot + 1] != 0)
              && (table[2 * slot] != hi || table[2 * slot + 1] != lo)) {
            slot = (slot + 1) & mask;
          }
          table[2 * slot] = hi;
          table[2 * slot + 1] = lo;
        }
        v6Tables[t] = table;
        v6Bits[t] = bits;
      }
      boolean v4Filtered = v4Prefixes.length > 1;
      v4FilterMask = IpRange.ipv4Mask(v4Filtered ? v4Prefixes[v4Prefixes.length - 1] : 0);
      v4FilterBits = filterBits(v4Filtered ? v4.size() : 0);
      v4Filter = new long[v4Filtered ? 1 << (v4FilterBits - 6) : 0];
      if (v4Filtered) {
        for (IpRange range : v4) {
          int network = range.network().ipv4() & v4FilterMask;
          setBit(v4Filter, ipv4Slot(network, v4FilterBits));
        }
      }
      boolean v6Filtered = v6Prefixes.length > 1;
      int v6FilterPrefix = v6Filtered ? v6Prefixes[v6Prefixes.length - 1] : 0;
      v6FilterHiMask = IpRange.hiMask(v6FilterPrefix);
      v6FilterLoMask = IpRange.loMask(v6FilterPrefix);
      v6FilterBits = filterBits(v6Filtered ? v6.size() : 0);
      v6Filter = new long[v6Filtered ? 1 << (v6FilterBits - 6) : 0];
      if (v6Filtered) {
        for (IpRange range : v6) {
          long hi = range.network().hi() & v6FilterHiMask;
          long lo = range.network().lo() & v6FilterLoMask;
          setBit(v6Filter, ipv6Slot(hi, lo, v6FilterBits));
        }
      }
    }

    /** Bits of a filter index for {@code count} ranges: at least eight bits a range, at least 64. */
    private static int filterBits(int count) {
      return Math.max(6, 64 - Long.numberOfLeadingZeros(Math.max(1L, 8L * count - 1)));
    }

    private static void setBit(long[] filter, int bit) {
      filter[bit >>> 6] |= 1L << bit;
    }

    private static boolean hasBit(long[] filter, int bit) {
      return (filter[bit >>> 6] & (1L << bit)) != 0;
    }

    private static int[] distinctPrefixesLongestFirst(List<IpRange> ranges) {
      return ranges.stream()
          .mapToInt(range -> -range.prefixLength())
          .distinct()
          .sorted()
          .map(negated -> -negated)
          .toArray();
    }

    private static List<IpRange> withPrefix(List<IpRange> ranges, int prefix) {
      List<IpRange> same = new ArrayList<>();
      for (IpRange range : ranges) {
        if (range.prefixLength() == prefix) {
          same.add(range);
        }
      }
      return same;
    }

    @Override
    public boolean testIpv4(int address) {
      if (v4Filter.length > 0
          && !hasBit(v4Filter, ipv4Slot(address & v4FilterMask, v4FilterBits))) {
        return false;
      }
      for (int t = 0; t < v4Prefixes.length; t++) {
        int key = address & IpRange.ipv4Mask(v4Prefixes[t]);
        if (key == 0) {
          if (v4HasZero[t]) {
            return true;
          }
          continue;
        }
        int[] table = v4Tables[t];
        int slot = ipv4Slot(key, v4Bits[t]);
        while (true) {
          int stored = table[slot];
          if (stored == key) {
            return true;
          }
          if (stored == 0) {
            break;
          }
          slot = (slot + 1) & (table.length - 1);
        }
      }
      return false;
    }

    @Override
    public boolean testIpv6(long hi, long lo) {
      if (v6Filter.length > 0
          && !hasBit(v6Filter, ipv6Slot(hi & v6FilterHiMask, lo & v6FilterLoMask, v6FilterBits))) {
        return false;
      }
      for (int t = 0; t < v6Prefixes.length; t++) {
        int prefix = v6Prefixes[t];
        long keyHi = hi & IpRange.hiMask(prefix);
        long keyLo = lo & IpRange.loMask(prefix);
        if (keyHi == 0 && keyLo == 0) {
          if (v6HasZero[t]) {
            return true;
          }
          continue;
        }
        long[] table = v6Tables[t];
        int bits = v6Bits[t];
        int mask = (1 << bits) - 1;
        int slot = ipv6Slot(keyHi, keyLo, bits);
        while (true) {
          long storedHi = table[2 * slot];
          long storedLo = table[2 * slot + 1];
          if (storedHi == keyHi && storedLo == keyLo) {
            return true;
          }
          if (storedHi == 0 && storedLo == 0) {
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      return false;
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AddressSet that && that.ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }
}
