package io.github.vippscallback.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * A deterministic allowlist of a given size, and remote-address strings to ask it about, shared by every
 * contender in a benchmark so that they all answer the same question.
 *
 * <p>Half the entries are IPv4, half IPv6. In each family every fifth entry is a CIDR range (IPv4
 * {@code /24} or {@code /28}; IPv6 {@code /48}, {@code /64} or {@code /112}), the rest single addresses,
 * so an allowlist of 10 holds 4 + 4 addresses and 1 + 1 ranges. Allowed queries are single-address entries
 * spread evenly over the list (first, middle, last...), so a linear scan pays its average cost and a
 * plain set of addresses answers them too. Denied queries are addresses of the same family in no entry.
 *
 * <p>Query strings are in the form servlet containers give as the remote address
 * ({@link InetAddress#getHostAddress()}: dotted quad; IPv6 as eight uncompressed groups).
 *
 * <p>Every answer is checked against Spring Security's {@link IpAddressMatcher} when the fixture is
 * built, so a benchmark can never silently measure the wrong path (an "allowed" query that is denied).
 */
public final class BenchmarkAddresses {

  /** How many distinct queries a benchmark cycles through: a power of two, see {@link #QUERY_MASK}. */
  public static final int QUERY_COUNT = 16;

  /** {@code index & QUERY_MASK} cycles through the queries. */
  public static final int QUERY_MASK = QUERY_COUNT - 1;

  private static final long SEED = 0x5EED_7155L;

  private final List<String> entries;
  private final List<String> singleAddresses;
  private final List<String> queries;
  private final boolean allowed;

  private BenchmarkAddresses(List<String> entries, List<String> singleAddresses, List<String> queries,
      boolean allowed) {
    this.entries = List.copyOf(entries);
    this.singleAddresses = List.copyOf(singleAddresses);
    this.queries = List.copyOf(queries);
    this.allowed = allowed;
  }

  /**
   * The fixture for an allowlist of {@code size} entries and a query kind.
   *
   * @param size the number of entries, even, at least 10
   * @param query one of {@code ipv4-allowed}, {@code ipv4-denied}, {@code ipv6-allowed},
   *     {@code ipv6-denied}
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static BenchmarkAddresses of(int size, String query) {
    if (size < 10 || size % 2 != 0) {
      throw new IllegalArgumentException("size: " + size + " is not valid; use an even number >= 10");
    }
    boolean ipv6;
    boolean allowed;
    switch (query) {
      case "ipv4-allowed" -> { ipv6 = false; allowed = true; }
      case "ipv4-denied" -> { ipv6 = false; allowed = false; }
      case "ipv6-allowed" -> { ipv6 = true; allowed = true; }
      case "ipv6-denied" -> { ipv6 = true; allowed = false; }
      default -> throw new IllegalArgumentException("query: '" + query
          + "' is not valid; use ipv4-allowed, ipv4-denied, ipv6-allowed or ipv6-denied");
    }
    Random random = new Random(SEED);
    Set<String> v4 = new LinkedHashSet<>();
    Set<String> v6 = new LinkedHashSet<>();
    List<String> v4Singles = new ArrayList<>();
    List<String> v6Singles = new ArrayList<>();
    int perFamily = size / 2;
    while (v4.size() < perFamily) {
      int index = v4.size();
      String entry = index % 5 == 4 ? ipv4Range(random, index % 10 == 4 ? 24 : 28) : ipv4(random);
      if (v4.add(entry) && !entry.contains("/")) {
        v4Singles.add(entry);
      }
    }
    while (v6.size() < perFamily) {
      int index = v6.size();
      String entry = index % 5 == 4 ? ipv6Range(random, new int[] {48, 64, 112}[index / 5 % 3]) : ipv6(random);
      if (v6.add(entry) && !entry.contains("/")) {
        v6Singles.add(entry);
      }
    }
    List<String> entries = new ArrayList<>(size);
    entries.addAll(v4);
    entries.addAll(v6);
    List<String> singles = new ArrayList<>(v4Singles);
    singles.addAll(v6Singles);

    List<IpAddressMatcher> reference = entries.stream().map(IpAddressMatcher::new).toList();
    List<String> familySingles = ipv6 ? v6Singles : v4Singles;
    List<String> queries = new ArrayList<>(QUERY_COUNT);
    for (int i = 0; i < QUERY_COUNT; i++) {
      String address;
      if (allowed) {
        int index = (int) ((long) i * (familySingles.size() - 1) / (QUERY_COUNT - 1));
        address = hostAddress(familySingles.get(index));
      } else {
        do {
          address = hostAddress(ipv6 ? ipv6(random) : ipv4(random));
        } while (matchesAny(reference, address));
      }
      if (matchesAny(reference, address) != allowed) {
        throw new IllegalStateException("fixture is wrong: " + address + " allowed=" + !allowed);
      }
      queries.add(address);
    }
    return new BenchmarkAddresses(entries, singles, queries, allowed);
  }

  /** The allowlist: addresses and CIDR ranges, in text form. */
  public List<String> entries() {
    return entries;
  }

  /** Only the single-address entries, for contenders that cannot hold ranges (a set of addresses). */
  public List<String> singleAddresses() {
    return singleAddresses;
  }

  /** {@link #QUERY_COUNT} remote-address strings, all allowed or all denied. */
  public List<String> queries() {
    return queries;
  }

  /** Whether every query is in the allowlist. */
  public boolean allowed() {
    return allowed;
  }

  /** The single addresses as {@link InetAddress}es, parsed once. */
  public Set<InetAddress> singleInetAddresses() {
    Set<InetAddress> set = new HashSet<>();
    for (String address : singleAddresses) {
      set.add(literal(address));
    }
    return set;
  }

  /** Parses an address literal; for set-up only. */
  public static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + address, e);
    }
  }

  private static boolean matchesAny(List<IpAddressMatcher> matchers, String address) {
    for (IpAddressMatcher matcher : matchers) {
      if (matcher.matches(address)) {
        return true;
      }
    }
    return false;
  }

  private static String hostAddress(String literal) {
    return literal(literal).getHostAddress();
  }

  private static String ipv4(Random random) {
    // 1.0.0.0 - 223.255.255.255: unicast, never 0.x or multicast.
    int first = 1 + random.nextInt(223);
    return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
  }

  private static String ipv4Range(Random random, int prefixLength) {
    int value = (1 + random.nextInt(223)) << 24 | random.nextInt(1 << 24);
    value &= -1 << (32 - prefixLength);
    return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff)
        + "/" + prefixLength;
  }

  private static String ipv6(Random random) {
    StringBuilder text = new StringBuilder("2001:db8");
    for (int i = 0; i < 6; i++) {
      text.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
    }
    return text.toString();
  }

  private static String ipv6Range(Random random, int prefixLength) {
    int[] groups = new int[8];
    groups[0] = 0x2001;
    groups[1] = 0xdb8;
    for (int i = 2; i < 8; i++) {
      int keepBits = Math.max(0, Math.min(16, prefixLength - 16 * i));
      groups[i] = keepBits == 0 ? 0 : random.nextInt(0x10000) & (0xffff << (16 - keepBits)) & 0xffff;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      text.append(i == 0 ? "" : ":").append(Integer.toHexString(groups[i]));
    }
    return text.append('/').append(prefixLength).toString().toLowerCase(Locale.ROOT);
  }
}
