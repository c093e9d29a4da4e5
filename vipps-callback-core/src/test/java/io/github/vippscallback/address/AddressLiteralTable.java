package io.github.vippscallback.address;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The table of address literals, valid and hostile, with what each one must parse to: its canonical
 * text, or {@code null} for "not an address". Shared by the parser, {@link IpAddress} and no-lookup tests.
 */
final class AddressLiteralTable {

  private AddressLiteralTable() {}

  /** Rows of (input, canonical text or null). */
  static Stream<Arguments> rows() {
    return Stream.of(ipv4(), ipv4Hostile(), ipv6(), mapped(), ipv6Hostile(), hostNames())
        .flatMap(s -> s);
  }

  /** Only the inputs. */
  static Stream<String> inputs() {
    return rows().map(row -> (String) row.get()[0]);
  }

  private static Arguments row(String input, @Nullable String canonical) {
    return arguments(input, canonical);
  }

  private static Arguments reject(String input) {
    return arguments(input, null);
  }

  private static Stream<Arguments> ipv4() {
    return Stream.of(
        row("0.0.0.0", "0.0.0.0"),
        row("255.255.255.255", "255.255.255.255"),
        row("192.0.2.1", "192.0.2.1"),
        row("10.0.0.1", "10.0.0.1"),
        row("1.2.3.4", "1.2.3.4"),
        row("9.99.199.249", "9.99.199.249"),
        row("100.64.0.0", "100.64.0.0"),
        row("127.0.0.1", "127.0.0.1"));
  }

  private static Stream<Arguments> ipv4Hostile() {
    return Stream.of(
        // leading zeros and octal
        reject("01.2.3.4"),
        reject("1.02.3.4"),
        reject("1.2.3.00"),
        reject("00.0.0.0"),
        reject("010.0.0.1"),
        reject("0177.0.0.1"),
        reject("1.2.3.0004"),
        // hex
        reject("0x7f.0.0.1"),
        reject("0x7f000001"),
        reject("0X7F.0.0.1"),
        reject("a.b.c.d"),
        reject("1e2.0.0.1"),
        // short forms and integers
        reject("127.1"),
        reject("10.1"),
        reject("10.0.1"),
        reject("167772161"),
        reject("4294967295"),
        reject("0"),
        // out of range
        reject("256.0.0.1"),
        reject("1.2.3.256"),
        reject("999.1.1.1"),
        reject("1000.1.1.1"),
        reject("1.2.3.-4"),
        reject("+1.2.3.4"),
        // dots
        reject("1.2.3.4."),
        reject(".1.2.3.4"),
        reject("1.2.3.4.5"),
        reject("1..2.3"),
        reject("1.2.3."),
        reject("1.2.3"),
        reject("."),
        reject("..."),
        reject("1,2,3,4"),
        // white space and control characters, anywhere
        reject(" 1.2.3.4"),
        reject("1.2.3.4 "),
        reject("1.2. 3.4"),
        reject("\t1.2.3.4"),
        reject("1.2.3.4\t"),
        reject("\u00a01.2.3.4"),
        reject("1.2.3.4\u00a0"),
        reject("1.2.3.4\n"),
        reject("1.2.3.4\r\n"),
        reject("1.2.3.4\u0000"),
        reject("\u20281.2.3.4"),
        reject(""),
        reject(" "),
        // non-ASCII digits
        reject("\u0661.\u0662.\u0663.\u0664"),
        reject("1.2.3.\u0664"),
        reject("\uff11.\uff12.\uff13.\uff14"),
        reject("\u0967.2.3.4"),
        reject("1.2.3.\ud835\udfd2"),
        // decorations
        reject("1.2.3.4/32"),
        reject("1.2.3.4:80"),
        reject("[1.2.3.4]"),
        reject("1.2.3.4a"),
        reject("1.2.3.4%eth0"));
  }

  private static Stream<Arguments> ipv6() {
    return Stream.of(
        row("::", "::"),
        row("::1", "::1"),
        row("1::", "1::"),
        row("::0", "::"),
        row("0:0:0:0:0:0:0:0", "::"),
        row("0:0:0:0:0:0:0:1", "::1"),
        row("2001:db8::1", "2001:db8::1"),
        row("2001:DB8::1", "2001:db8::1"),
        row("2001:Db8::aBcD", "2001:db8::abcd"),
        row("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        row("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        row("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        row("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        row("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        row("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        row("FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        row("fe80::1", "fe80::1"),
        row("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        row("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        row("1:2:3:4:5:6::8", "1:2:3:4:5:6:0:8"),
        row("1::8", "1::8"),
        row("0001:0002::", "1:2::"),
        row("2001:db8::", "2001:db8::"),
        row("1:0:0:0:0:0:0:0", "1::"),
        row("1::2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
        row("1:2:3:4:5::1.2.3.4", "1:2:3:4:5:0:102:304"),
        row("::1:2:3:4:5:1.2.3.4", "0:1:2:3:4:5:102:304"),
        row("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        row("0:0:1:0:0:1:0:0", "::1:0:0:1:0:0"),
        row("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        // embedded IPv4 that is not mapped stays IPv6
        row("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
        row("::192.0.2.1", "::c000:201"),
        row("::1.2.3.4", "::102:304"),
        row("::0.0.0.1", "::1"),
        row("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
        row("::ffff:0:1.2.3.4", "::ffff:0:102:304"),
        row("2002:c000:0201::", "2002:c000:201::"),
        row("::fffe:1.2.3.4", "::fffe:102:304"),
        row("0:0:0:0:1:ffff:1.2.3.4", "::1:ffff:102:304"));
  }

  private static Stream<Arguments> mapped() {
    return Stream.of(
        row("::ffff:192.0.2.1", "192.0.2.1"),
        row("::FFFF:192.0.2.1", "192.0.2.1"),
        row("::ffff:c000:201", "192.0.2.1"),
        row("::ffff:C000:0201", "192.0.2.1"),
        row("0:0:0:0:0:ffff:c000:201", "192.0.2.1"),
        row("0:0:0:0:0:ffff:192.0.2.1", "192.0.2.1"),
        row("0000:0000:0000:0000:0000:FFFF:C000:0201", "192.0.2.1"),
        row("::0:ffff:192.0.2.1", "192.0.2.1"),
        row("::ffff:0.0.0.0", "0.0.0.0"),
        row("::ffff:0:0", "0.0.0.0"),
        row("::ffff:255.255.255.255", "255.255.255.255"));
  }

  private static Stream<Arguments> ipv6Hostile() {
    return Stream.of(
        reject(":::"),
        reject("::::"),
        reject("1:::2"),
        reject(":1::"),
        reject("1::2::3"),
        reject("::1::"),
        reject(":"),
        reject(":1"),
        reject("1:"),
        reject("1:2:3:4:5:6:7"),
        reject("1:2:3:4:5:6:7:8:9"),
        reject("1:2:3:4:5:6:7:8::"),
        reject("::1:2:3:4:5:6:7:8"),
        reject("1:2:3:4::5:6:7:8"),
        reject("1::2:3:4:5:6:7:8"),
        reject("12345::"),
        reject("1:2:3:4:5:6:7:12345"),
        reject("00000::1"),
        reject("g::1"),
        reject("::g"),
        reject("0x1::"),
        reject("-1::"),
        reject("::-1"),
        // zone ids
        reject("2001:db8::1%eth0"),
        reject("fe80::1%1"),
        reject("fe80::1%"),
        reject("fe80::1%25eth0"),
        // brackets, ports, prefixes
        reject("[::1]"),
        reject("[2001:db8::1]:443"),
        reject("[::1"),
        reject("::1]"),
        reject("2001:db8::1/128"),
        reject("2001:db8::1.443"),
        // white space
        reject(" ::1"),
        reject("::1 "),
        reject(":: 1"),
        reject("::1\t"),
        reject("\u00a0::1"),
        reject("2001:db8:: 1"),
        reject("::1\r\n"),
        // broken embedded IPv4
        reject("::ffff:1.2.3"),
        reject("::ffff:01.2.3.4"),
        reject("::ffff:1.2.3.4."),
        reject("::ffff:256.1.1.1"),
        reject("::ffff:0x1.2.3.4"),
        reject("::fffff:1.2.3.4"),
        reject("::1.2.3.4:1"),
        reject("1.2.3.4::"),
        reject("::1.2.3.4::"),
        reject("1:2:3:4:5:6:7:1.2.3.4"),
        reject("1:2:3:4:5:1.2.3.4"),
        reject("::1:2:3:4:5:6:1.2.3.4"),
        reject("::ffff:1.2.3.\u0664"),
        // non-ASCII hex digits
        reject("\uff12\uff10\uff10\uff11:db8::1"),
        reject("2001:db8::\u0661"),
        reject("2001:db8::\uff41"));
  }

  private static Stream<Arguments> hostNames() {
    return Stream.of(
        reject("localhost"),
        reject("localhost."),
        reject("example.invalid"),
        reject("callback-1.vipps.no"),
        reject("callback-1.vipps.no."),
        reject("ip6-localhost"),
        reject("1.2.3.4.nip.io"),
        reject("unknown"),
        reject("_hidden"));
  }
}
