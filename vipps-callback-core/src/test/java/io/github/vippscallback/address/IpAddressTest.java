package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpAddressTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("io.github.vippscallback.address.AddressLiteralTable#rows")
  void tryParseGivesCanonicalTextOrNothing(String input, @Nullable String canonical) {
    IpAddress address = IpAddress.tryParse(input);
    if (canonical == null) {
      assertThat(address).as("not an address: %s", input).isNull();
    } else {
      assertThat(address).as("address: %s", input).hasToString(canonical);
    }
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("io.github.vippscallback.address.AddressLiteralTable#rows")
  void parseThrowsNamingTheValueWhenNotAnAddress(String input, @Nullable String canonical) {
    if (canonical == null) {
      assertThatThrownBy(() -> IpAddress.parse(input))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(QuotedValue.of(input));
    } else {
      assertThat(IpAddress.parse(input)).hasToString(canonical);
    }
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("io.github.vippscallback.address.AddressLiteralTable#rows")
  void canonicalTextParsesBackToTheSameAddress(String input, @Nullable String canonical) {
    if (canonical != null) {
      IpAddress address = IpAddress.parse(input);
      assertThat(IpAddress.parse(canonical)).isEqualTo(address).hasSameHashCodeAs(address);
    }
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("io.github.vippscallback.address.AddressLiteralTable#rows")
  void toInetAddressHoldsTheSameBytesAsTheJdkReadsFromTheCanonicalText(
      String input, @Nullable String canonical) throws Exception {
    if (canonical != null) {
      IpAddress address = IpAddress.parse(input);
      InetAddress inet = address.toInetAddress();
      // A literal never makes the JDK look anything up, so it is a safe oracle here.
      InetAddress expected = InetAddress.getByName(canonical);
      assertThat(inet.getAddress()).isEqualTo(expected.getAddress());
      assertThat(inet).isInstanceOf(address.isIpv4() ? Inet4Address.class : Inet6Address.class);
      assertThat(IpAddress.of(inet)).isEqualTo(address);
    }
  }

  @Test
  void mappedAddressIsTheIpv4Address() {
    IpAddress plain = IpAddress.parse("192.0.2.1");
    for (String mapped :
        List.of(
            "::ffff:192.0.2.1",
            "::ffff:c000:201",
            "0:0:0:0:0:ffff:c000:201",
            "0:0:0:0:0:FFFF:192.0.2.1")) {
      IpAddress address = IpAddress.parse(mapped);
      assertThat(address.isIpv4()).as(mapped).isTrue();
      assertThat(address).as(mapped).isEqualTo(plain).hasSameHashCodeAs(plain);
      assertThat(address.compareTo(plain)).isZero();
      assertThat(address).hasToString("192.0.2.1");
      assertThat(address.toInetAddress()).isInstanceOf(Inet4Address.class);
      assertThat(address.toBytes()).containsExactly(192, 0, 2, 1);
    }
  }

  @Test
  void compatibleAndNat64FormsStayIpv6() {
    assertThat(IpAddress.parse("::192.0.2.1").isIpv4()).isFalse();
    assertThat(IpAddress.parse("64:ff9b::192.0.2.1").isIpv4()).isFalse();
    assertThat(IpAddress.parse("::192.0.2.1")).isNotEqualTo(IpAddress.parse("192.0.2.1"));
    assertThat(IpAddress.parse("64:ff9b::192.0.2.1")).isNotEqualTo(IpAddress.parse("192.0.2.1"));
  }

  @Test
  void ordersIpv4BeforeIpv6ThenNumericallyUnsigned() {
    List<IpAddress> addresses =
        new ArrayList<>(
            List.of(
                IpAddress.parse("ffff::"),
                IpAddress.parse("::"),
                IpAddress.parse("255.255.255.255"),
                IpAddress.parse("8000::1"),
                IpAddress.parse("0.0.0.0"),
                IpAddress.parse("128.0.0.0"),
                IpAddress.parse("::1"),
                IpAddress.parse("10.0.0.1")));
    Collections.sort(addresses);
    assertThat(addresses)
        .extracting(IpAddress::toString)
        .containsExactly(
            "0.0.0.0", "10.0.0.1", "128.0.0.0", "255.255.255.255", "::", "::1", "8000::1", "ffff::");
  }

  @Test
  void parseMessageEscapesControlCharactersSoItCannotForgeLogLines() {
    assertThatThrownBy(() -> IpAddress.parse("1.2.3.4\r\nX-Injected: yes"))
        .hasMessageContaining("\"1.2.3.4\\u000d\\u000aX-Injected: yes\"")
        .hasMessageNotContaining("\n");
  }

  @Test
  void ofInetAddressRejectsAZoneId() throws Exception {
    InetAddress scoped = Inet6Address.getByAddress(null, IpAddress.parse("fe80::1").toBytes(), 3);
    assertThatThrownBy(() -> IpAddress.of(scoped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zone id");
  }

  @Test
  void tryParseReadsAnyCharSequenceNotOnlyStrings() {
    assertThat(IpAddress.tryParse(CharBuffer.wrap("2001:db8::1"))).hasToString("2001:db8::1");
  }
}
