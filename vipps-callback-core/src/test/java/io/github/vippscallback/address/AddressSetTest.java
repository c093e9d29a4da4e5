package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AddressSetTest {

  private static AddressSet setOf(String... ranges) {
    return AddressSet.of(Stream.of(ranges).map(IpRange::parse).collect(Collectors.toList()));
  }

  @Test
  void emptySetContainsNothing() {
    AddressSet empty = AddressSet.empty();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.ranges()).isEmpty();
    assertThat(empty.contains("0.0.0.0")).isFalse();
    assertThat(empty.contains("::")).isFalse();
    assertThat(AddressSet.of(List.of()).isEmpty()).isTrue();
  }

  @Test
  void containsSingleIpv4AndIpv6Addresses() {
    AddressSet set = setOf("192.0.2.1", "2001:db8::1");
    assertThat(set.isEmpty()).isFalse();
    assertThat(set.contains("192.0.2.1")).isTrue();
    assertThat(set.contains("2001:db8::1")).isTrue();
    assertThat(set.contains("2001:DB8:0:0:0:0:0:0001")).isTrue();
    assertThat(set.contains("192.0.2.2")).isFalse();
    assertThat(set.contains("192.0.2.0")).isFalse();
    assertThat(set.contains("2001:db8::2")).isFalse();
    assertThat(set.contains("2001:db8::")).isFalse();
  }

  @Test
  void mappedIpv4MatchesIpv4EntriesButCompatibleAndNat64FormsDoNot() {
    AddressSet set = setOf("192.0.2.1", "10.0.0.0/8");
    assertThat(set.contains("::ffff:192.0.2.1")).isTrue();
    assertThat(set.contains("::ffff:c000:201")).isTrue();
    assertThat(set.contains("0:0:0:0:0:ffff:10.1.2.3")).isTrue();
    assertThat(set.contains("::192.0.2.1")).isFalse();
    assertThat(set.contains("64:ff9b::192.0.2.1")).isFalse();
    assertThat(set.contains(IpAddress.parse("::ffff:192.0.2.1"))).isTrue();
  }

  @Test
  void ipv6EntriesNeverMatchIpv4Addresses() {
    AddressSet set = setOf("::/0");
    assertThat(set.contains("2001:db8::1")).isTrue();
    assertThat(set.contains("::")).isTrue();
    assertThat(set.contains("192.0.2.1")).isFalse();
    assertThat(set.contains("::ffff:192.0.2.1")).isFalse();
  }

  @Test
  void prefixLengthZeroMatchesTheWholeFamily() {
    AddressSet set = setOf("0.0.0.0/0");
    assertThat(set.contains("0.0.0.0")).isTrue();
    assertThat(set.contains("255.255.255.255")).isTrue();
    assertThat(set.contains("::1")).isFalse();
  }

  @Test
  void prefixLengthOneSplitsTheFamilyInHalves() {
    AddressSet set = setOf("128.0.0.0/1", "::/1");
    assertThat(set.contains("128.0.0.0")).isTrue();
    assertThat(set.contains("255.255.255.255")).isTrue();
    assertThat(set.contains("127.255.255.255")).isFalse();
    assertThat(set.contains("::")).isTrue();
    assertThat(set.contains("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
    assertThat(set.contains("8000::")).isFalse();
  }

  @Test
  void prefixLengths31And32And127And128() {
    AddressSet set = setOf("192.0.2.0/31", "192.0.2.9/32", "2001:db8::/127", "2001:db8::9/128");
    assertThat(set.contains("192.0.2.0")).isTrue();
    assertThat(set.contains("192.0.2.1")).isTrue();
    assertThat(set.contains("192.0.2.2")).isFalse();
    assertThat(set.contains("192.0.2.9")).isTrue();
    assertThat(set.contains("192.0.2.8")).isFalse();
    assertThat(set.contains("2001:db8::")).isTrue();
    assertThat(set.contains("2001:db8::1")).isTrue();
    assertThat(set.contains("2001:db8::2")).isFalse();
    assertThat(set.contains("2001:db8::9")).isTrue();
    assertThat(set.contains("2001:db8::8")).isFalse();
  }

  @Test
  void prefixLengthsAcrossTheHalvesOfIpv6() {
    AddressSet set = setOf("2001:db8::/63", "2001:db8:0:2::/64", "2001:db8:0:3::/65");
    assertThat(set.contains("2001:db8:0:1:ffff:ffff:ffff:ffff")).isTrue();
    assertThat(set.contains("2001:db8:0:2:ffff::")).isTrue();
    assertThat(set.contains("2001:db8:0:3:7fff::")).isTrue();
    assertThat(set.contains("2001:db8:0:3:8000::")).isFalse();
    assertThat(set.contains("2001:db8:0:4::")).isFalse();
  }

  @Test
  void overlappingRangesMatchThroughAnyOfThem() {
    AddressSet set = setOf("10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "10.1.2.0/24");
    assertThat(set.contains("10.1.2.3")).isTrue();
    assertThat(set.contains("10.1.2.4")).isTrue();
    assertThat(set.contains("10.1.3.4")).isTrue();
    assertThat(set.contains("10.200.3.4")).isTrue();
    assertThat(set.contains("11.0.0.0")).isFalse();
    assertThat(set.ranges()).hasSize(4);
  }

  @Test
  void networkZeroIsFoundAlthoughZeroMarksFreeSlots() {
    AddressSet set = setOf("0.0.0.0/8", "::/64");
    assertThat(set.contains("0.1.2.3")).isTrue();
    assertThat(set.contains("1.1.2.3")).isFalse();
    assertThat(set.contains("::1")).isTrue();
    assertThat(set.contains("0:0:0:1::")).isFalse();
  }

  static Stream<String> nonAddresses() {
    return Stream.concat(
        AddressLiteralTable.rows().filter(row -> row.get()[1] == null).map(row -> (String) row.get()[0]),
        Stream.of("0.0.0.0/0", "[::]", "::/0"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("nonAddresses")
  void neverContainsAStringThatIsNotAnAddressEvenWhenEverythingIsAllowed(String input) {
    AddressSet everything = setOf("0.0.0.0/0", "::/0");
    assertThat(everything.contains(input)).isFalse();
  }

  @Test
  void nullIsNeverContained() {
    assertThat(setOf("0.0.0.0/0", "::/0").contains((CharSequence) null)).isFalse();
  }

  @Test
  void regionOfALargerTextIsMatchedInPlace() {
    AddressSet set = setOf("192.0.2.1");
    assertThat(set.contains("for=192.0.2.1;", 4, 13)).isTrue();
    assertThat(set.contains("for=192.0.2.1;", 4, 14)).isFalse();
  }

  @Test
  void tenThousandEntriesAreAllFoundAndNeighboursAreNot() {
    List<IpRange> ranges = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      ranges.add(IpRange.parse("10." + (i >>> 8) + "." + (i & 0xff) + ".0/24"));
      ranges.add(IpRange.parse("2001:db8:" + Integer.toHexString(i) + "::1"));
    }
    AddressSet set = AddressSet.of(ranges);
    assertThat(set.ranges()).hasSize(10_000);
    for (int i = 0; i < 5_000; i++) {
      assertThat(set.contains("10." + (i >>> 8) + "." + (i & 0xff) + ".77")).isTrue();
      assertThat(set.contains("2001:db8:" + Integer.toHexString(i) + "::1")).isTrue();
      assertThat(set.contains("2001:db8:" + Integer.toHexString(i) + "::2")).isFalse();
    }
    assertThat(set.contains("10.20.0.1")).isFalse();
    assertThat(set.contains("2001:db8:1388::1")).isFalse();
  }

  private static IpRange rangeAround(IpAddress address, int prefixLength) {
    return IpRange.parse(IpRange.mask(address, prefixLength) + "/" + prefixLength);
  }

  @Test
  void mixedPrefixLengthsAnswerAsAScanOfEveryRangeDoes() {
    // With several prefix lengths per family a filter at the shortest length answers most addresses
    // outside the set; it must never turn an address inside a range away.
    SplittableRandom random = new SplittableRandom(0xadd_5e7L);
    int[] v4Prefixes = {8, 16, 20, 24, 28, 32};
    int[] v6Prefixes = {32, 48, 56, 64, 96, 112, 128};
    List<IpRange> ranges = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // Clustered networks (10.x, 2001:db8:x) so that random addresses often share a short prefix.
      int v4 = 0x0a00_0000 | random.nextInt(1 << 16) << 8 | random.nextInt(256);
      ranges.add(rangeAround(IpAddress.ofIpv4(v4), v4Prefixes[random.nextInt(v4Prefixes.length)]));
      long hi = 0x2001_0db8_0000_0000L | (long) random.nextInt(1 << 12) << 16 | random.nextInt(4);
      long lo = random.nextInt(4) == 0 ? 0 : random.nextLong();
      ranges.add(rangeAround(IpAddress.ofIpv6(hi, lo), v6Prefixes[random.nextInt(v6Prefixes.length)]));
    }
    AddressSet set = AddressSet.of(ranges);
    int inside = 0;
    for (int n = 0; n < 40_000; n++) {
      IpRange near = ranges.get(random.nextInt(ranges.size()));
      IpAddress address;
      if (near.network().isIpv4()) {
        address = IpAddress.ofIpv4(near.network().ipv4() ^ (random.nextInt() >>> random.nextInt(32)));
      } else {
        long flipHi = random.nextInt(3) == 0 ? random.nextLong() >>> random.nextInt(64) : 0;
        long flipLo = random.nextLong() >>> random.nextInt(64);
        address = IpAddress.ofIpv6(near.network().hi() ^ flipHi, near.network().lo() ^ flipLo);
      }
      boolean expected = ranges.stream().anyMatch(range -> range.contains(address));
      inside += expected ? 1 : 0;
      assertThat(set.contains(address)).as(address.toString()).isEqualTo(expected);
      assertThat(set.contains(address.toString())).as(address.toString()).isEqualTo(expected);
    }
    // Both answers must be common for the comparison to mean something.
    assertThat(inside).isBetween(4_000, 36_000);
  }

  @Test
  void rangesAreSortedAndUnmodifiable() {
    AddressSet set = setOf("2001:db8::/32", "192.0.2.0/24", "10.0.0.0/8", "10.0.0.0/8");
    Set<IpRange> ranges = set.ranges();
    assertThat(ranges)
        .extracting(IpRange::toString)
        .containsExactly("10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32");
    assertThatThrownBy(() -> ranges.add(IpRange.parse("1.2.3.4")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void setsWithTheSameRangesAreEqual() {
    assertThat(setOf("10.0.0.0/8", "::1")).isEqualTo(setOf("::1", "10.0.0.0/8"));
    assertThat(setOf("10.0.0.0/8")).isNotEqualTo(setOf("10.0.0.0/16"));
  }

  @Test
  void containsAllocatesNothingForAllowedAndDeniedIpv4AndIpv6Input() {
    List<IpRange> ranges = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ranges.add(IpRange.parse("10." + (i >>> 8) + "." + (i & 0xff) + ".0/24"));
      ranges.add(IpRange.parse("2001:db8:" + Integer.toHexString(i) + "::/48"));
      ranges.add(IpRange.parse("198.51." + (i & 0xff) + "." + (i >>> 8)));
    }
    AddressSet set = AddressSet.of(ranges);
    String[] inputs = {
      "10.0.1.1", "198.51.3.0", "2001:db8:3e7::1", "::ffff:10.0.2.3", // allowed
      "11.0.0.1", "2001:db9::1", "64:ff9b::10.0.0.1", "::1", "localhost", "1.2.3.4%x", "" // denied
    };
    CharSequence notAString = CharBuffer.wrap("2001:db8:1::7");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);

    for (int round = 0; round < 20; round++) { // warm-up, also lets the JIT compile
      assertThat(countContained(set, inputs, notAString)).isEqualTo(10_000 * 5);
    }
    // The code under test allocates nothing at all; the JVM itself may now and then allocate a few
    // bytes on this thread (compilation or deoptimization events), so the quietest of five runs counts.
    // Any allocation per call would show in every run as at least 16 bytes x 10,000 calls.
    List<Long> allocatedPerRun = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      int found = countContained(set, inputs, notAString);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertThat(found).isEqualTo(10_000 * 5);
      allocatedPerRun.add(allocated);
    }
    assertThat(allocatedPerRun)
        .as("bytes allocated by 120,000 calls of contains, per run")
        .contains(0L);
    assertThat(allocatedPerRun).allSatisfy(bytes -> assertThat(bytes).isLessThan(16 * 10_000));
  }

  /** Calls contains 10,000 times per input; answers how many calls found the input. */
  private static int countContained(AddressSet set, String[] inputs, CharSequence notAString) {
    int found = 0;
    for (int round = 0; round < 10_000; round++) {
      for (String input : inputs) {
        found += set.contains(input) ? 1 : 0;
      }
      found += set.contains(notAString) ? 1 : 0;
    }
    return found;
  }
}
