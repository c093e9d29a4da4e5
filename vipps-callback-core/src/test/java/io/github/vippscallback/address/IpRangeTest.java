package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpRangeTest {

  static Stream<Arguments> validRanges() {
    return Stream.of(
        arguments("10.0.0.0/8", "10.0.0.0/8"),
        arguments("10.0.0.1", "10.0.0.1/32"),
        arguments("10.0.0.1/32", "10.0.0.1/32"),
        arguments("0.0.0.0/0", "0.0.0.0/0"),
        arguments("128.0.0.0/1", "128.0.0.0/1"),
        arguments("192.0.2.0/31", "192.0.2.0/31"),
        arguments("2001:db8::/32", "2001:db8::/32"),
        arguments("2001:DB8::/32", "2001:db8::/32"),
        arguments("2001:0db8:0000::/48", "2001:db8::/48"),
        arguments("::/0", "::/0"),
        arguments("8000::/1", "8000::/1"),
        arguments("::1", "::1/128"),
        arguments("::1/128", "::1/128"),
        arguments("2001:db8::/127", "2001:db8::/127"),
        arguments("2001:db8::1:0:0:0/80", "2001:db8:0:0:1::/80"),
        arguments("::ffff:10.0.0.0/104", "10.0.0.0/8"),
        arguments("::ffff:0:0/96", "0.0.0.0/0"),
        arguments("::ffff:192.0.2.1", "192.0.2.1/32"),
        arguments("::ffff:192.0.2.1/128", "192.0.2.1/32"),
        arguments("64:ff9b::/96", "64:ff9b::/96"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("validRanges")
  void parsesToNetworkSlashLength(String input, String expected) {
    IpRange range = IpRange.parse(input);
    assertThat(range).hasToString(expected);
    assertThat(IpRange.parse(expected)).isEqualTo(range).hasSameHashCodeAs(range);
  }

  static Stream<Arguments> invalidRanges() {
    return Stream.of(
        arguments("10.0.0.1/8", "\"10.0.0.1/8\" has host bits set; did you mean 10.0.0.0/8?"),
        arguments("192.0.2.1/24", "has host bits set; did you mean 192.0.2.0/24?"),
        arguments("0.0.0.1/0", "has host bits set; did you mean 0.0.0.0/0?"),
        arguments("2001:db8::1/32", "has host bits set; did you mean 2001:db8::/32?"),
        arguments("::1/0", "has host bits set; did you mean ::/0?"),
        arguments("::ffff:10.0.0.1/104", "has host bits set; did you mean 10.0.0.0/8?"),
        arguments("::ffff:10.0.0.0/80", "IPv4-mapped network needs a prefix length from 96 to 128"),
        arguments("10.0.0.0/33", "from 0 to 32"),
        arguments("::/129", "from 0 to 128"),
        arguments("10.0.0.0/08", "without leading zeros"),
        arguments("::/0128", "without leading zeros"),
        arguments("10.0.0.0/00", "without leading zeros"),
        arguments("10.0.0.0/", "Bad prefix length"),
        arguments("10.0.0.0/-1", "Bad prefix length"),
        arguments("10.0.0.0/+8", "Bad prefix length"),
        arguments("10.0.0.0/8 ", "Bad prefix length"),
        arguments("10.0.0.0/ 8", "Bad prefix length"),
        arguments("10.0.0.0/8/8", "Bad prefix length"),
        arguments("10.0.0.0//8", "Bad prefix length"),
        arguments("10.0.0.0/\u0668", "Bad prefix length"),
        arguments("10.0.0.0/1000", "Bad prefix length"),
        arguments("10.0.0.0/0x8", "Bad prefix length"),
        arguments("10.0.0.0/8\n", "Bad prefix length"),
        arguments(" 10.0.0.0/8", "Not an IP address or CIDR range"),
        arguments("/8", "Not an IP address or CIDR range"),
        arguments("", "Not an IP address or CIDR range"),
        arguments("10.1/16", "Not an IP address or CIDR range"),
        arguments("010.0.0.0/8", "Not an IP address or CIDR range"),
        arguments("fe80::%eth0/64", "Not an IP address or CIDR range"),
        arguments("[2001:db8::]/32", "Not an IP address or CIDR range"),
        arguments("localhost/32", "Not an IP address or CIDR range"),
        arguments("callback-1.vipps.no", "Not an IP address or CIDR range"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidRanges")
  void rejectsWithAMessageNamingTheValueAndWhy(String input, String why) {
    assertThatThrownBy(() -> IpRange.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(QuotedValue.of(input))
        .hasMessageContaining(why);
  }

  @Test
  void containsAddressesInsideAndNotOutside() {
    IpRange range = IpRange.parse("192.0.2.0/24");
    assertThat(range.contains(IpAddress.parse("192.0.2.0"))).isTrue();
    assertThat(range.contains(IpAddress.parse("192.0.2.255"))).isTrue();
    assertThat(range.contains(IpAddress.parse("::ffff:192.0.2.7"))).isTrue();
    assertThat(range.contains(IpAddress.parse("192.0.3.0"))).isFalse();
    assertThat(range.contains(IpAddress.parse("192.0.1.255"))).isFalse();
    assertThat(range.contains(IpAddress.parse("::c000:207"))).isFalse();

    IpRange v6 = IpRange.parse("2001:db8::/127");
    assertThat(v6.contains(IpAddress.parse("2001:db8::"))).isTrue();
    assertThat(v6.contains(IpAddress.parse("2001:db8::1"))).isTrue();
    assertThat(v6.contains(IpAddress.parse("2001:db8::2"))).isFalse();
  }

  @Test
  void ipv6RangesNeverContainIpv4AddressesNorTheOtherWayRound() {
    assertThat(IpRange.parse("::/0").contains(IpAddress.parse("::ffff:192.0.2.1"))).isFalse();
    assertThat(IpRange.parse("::/0").contains(IpAddress.parse("192.0.2.1"))).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").contains(IpAddress.parse("::1"))).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").contains(IpAddress.parse("192.0.2.1"))).isTrue();
    assertThat(IpRange.parse("::/0").contains(IpAddress.parse("2001:db8::1"))).isTrue();
  }

  @Test
  void singleAddressRangeIsFullLength() {
    IpRange v4 = IpRange.of(IpAddress.parse("192.0.2.1"));
    IpRange v6 = IpRange.of(IpAddress.parse("2001:db8::1"));
    assertThat(v4).hasToString("192.0.2.1/32").isEqualTo(IpRange.parse("192.0.2.1"));
    assertThat(v6).hasToString("2001:db8::1/128").isEqualTo(IpRange.parse("2001:db8::1"));
    assertThat(v4.isSingleAddress()).isTrue();
    assertThat(v6.isSingleAddress()).isTrue();
    assertThat(IpRange.parse("192.0.2.0/31").isSingleAddress()).isFalse();
    assertThat(v4.network()).isEqualTo(IpAddress.parse("192.0.2.1"));
    assertThat(v4.prefixLength()).isEqualTo(32);
    assertThat(v6.prefixLength()).isEqualTo(128);
  }

  @Test
  void ordersByNetworkThenPrefixLengthIpv4First() {
    List<IpRange> ranges =
        new ArrayList<>(
            List.of(
                IpRange.parse("2001:db8::/32"),
                IpRange.parse("10.0.0.0/16"),
                IpRange.parse("10.0.0.0/8"),
                IpRange.parse("::/0"),
                IpRange.parse("192.0.2.0/24")));
    Collections.sort(ranges);
    assertThat(ranges)
        .extracting(IpRange::toString)
        .containsExactly("10.0.0.0/8", "10.0.0.0/16", "192.0.2.0/24", "::/0", "2001:db8::/32");
  }
}
