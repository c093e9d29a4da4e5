package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.address.SpecialPurposeAddresses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The address policy for DNS answers, block by block. The expectations come from the table below, written
 * from the IANA special-purpose registries independently of {@link SpecialPurposeAddresses}: for every
 * block its first and last address and one neighbour just outside it, each with how an answer holding it
 * is treated (NEVER: refused also with the opt-in; OPT_IN: refused unless opted in; PUBLIC: accepted).
 */
class AnswerAddressPolicyTest {

  private static final String HOST = "callback-1.vipps.no";

  /** block | first | last | treatment of first, last | neighbour outside | treatment of the neighbour. */
  private static final String TABLE = """
      0.0.0.0/8          | 0.0.0.0         | 0.255.255.255   | NEVER  NEVER  | 1.0.0.0         | PUBLIC
      0.0.0.0/32         | 0.0.0.0         | 0.0.0.0         | NEVER  NEVER  | 0.0.0.1         | NEVER
      10.0.0.0/8         | 10.0.0.0        | 10.255.255.255  | OPT_IN OPT_IN | 11.0.0.0        | PUBLIC
      100.64.0.0/10      | 100.64.0.0      | 100.127.255.255 | OPT_IN OPT_IN | 100.128.0.0     | PUBLIC
      127.0.0.0/8        | 127.0.0.0       | 127.255.255.255 | OPT_IN OPT_IN | 128.0.0.0       | PUBLIC
      169.254.0.0/16     | 169.254.0.0     | 169.254.255.255 | OPT_IN OPT_IN | 169.253.255.255 | PUBLIC
      172.16.0.0/12      | 172.16.0.0      | 172.31.255.255  | OPT_IN OPT_IN | 172.32.0.0      | PUBLIC
      192.0.0.0/24       | 192.0.0.0       | 192.0.0.255     | OPT_IN OPT_IN | 192.0.1.0       | PUBLIC
      192.0.0.0/29       | 192.0.0.0       | 192.0.0.7       | OPT_IN OPT_IN | 192.0.0.8       | OPT_IN
      192.0.0.8/32       | 192.0.0.8       | 192.0.0.8       | OPT_IN OPT_IN | 192.0.0.9       | PUBLIC
      192.0.0.9/32       | 192.0.0.9       | 192.0.0.9       | PUBLIC PUBLIC | 192.0.0.8       | OPT_IN
      192.0.0.10/32      | 192.0.0.10      | 192.0.0.10      | PUBLIC PUBLIC | 192.0.0.11      | OPT_IN
      192.0.0.170/32     | 192.0.0.170     | 192.0.0.170     | OPT_IN OPT_IN | 192.0.0.169     | OPT_IN
      192.0.0.171/32     | 192.0.0.171     | 192.0.0.171     | OPT_IN OPT_IN | 192.0.0.172     | OPT_IN
      192.0.2.0/24       | 192.0.2.0       | 192.0.2.255     | OPT_IN OPT_IN | 192.0.3.0       | PUBLIC
      192.31.196.0/24    | 192.31.196.0    | 192.31.196.255  | PUBLIC PUBLIC | 192.31.197.0    | PUBLIC
      192.52.193.0/24    | 192.52.193.0    | 192.52.193.255  | PUBLIC PUBLIC | 192.52.192.255  | PUBLIC
      192.88.99.0/24     | 192.88.99.0     | 192.88.99.255   | OPT_IN OPT_IN | 192.88.100.0    | PUBLIC
      192.88.99.2/32     | 192.88.99.2     | 192.88.99.2     | PUBLIC PUBLIC | 192.88.99.3     | OPT_IN
      192.168.0.0/16     | 192.168.0.0     | 192.168.255.255 | OPT_IN OPT_IN | 192.169.0.0     | PUBLIC
      192.175.48.0/24    | 192.175.48.0    | 192.175.48.255  | PUBLIC PUBLIC | 192.175.49.0    | PUBLIC
      198.18.0.0/15      | 198.18.0.0      | 198.19.255.255  | OPT_IN OPT_IN | 198.20.0.0      | PUBLIC
      198.51.100.0/24    | 198.51.100.0    | 198.51.100.255  | OPT_IN OPT_IN | 198.51.101.0    | PUBLIC
      203.0.113.0/24     | 203.0.113.0     | 203.0.113.255   | OPT_IN OPT_IN | 203.0.112.255   | PUBLIC
      224.0.0.0/4        | 224.0.0.0       | 239.255.255.255 | NEVER  NEVER  | 223.255.255.255 | PUBLIC
      240.0.0.0/4        | 240.0.0.0       | 255.255.255.254 | NEVER  NEVER  | 239.255.255.255 | NEVER
      255.255.255.255/32 | 255.255.255.255 | 255.255.255.255 | NEVER  NEVER  | 255.255.255.254 | NEVER
      ::/128             | ::              | ::              | NEVER  NEVER  | ::1             | OPT_IN
      ::1/128            | ::1             | ::1             | OPT_IN OPT_IN | ::2             | OPT_IN
      ::/96              | ::              | ::ffff:ffff     | NEVER  OPT_IN | ::1:0:0         | PUBLIC
      ::ffff:0:0/96      | ::ffff:0.0.0.0  | ::ffff:255.255.255.255 | NEVER NEVER | ::fffe:ffff:ffff | PUBLIC
      64:ff9b::/96       | 64:ff9b::       | 64:ff9b::ffff:ffff | OPT_IN OPT_IN | 64:ff9b::1:0:0 | PUBLIC
      64:ff9b:1::/48     | 64:ff9b:1::     | 64:ff9b:1:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 64:ff9b:2:: | PUBLIC
      100::/64           | 100::           | 100::ffff:ffff:ffff:ffff | OPT_IN OPT_IN | ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC
      100:0:0:1::/64     | 100:0:0:1::     | 100:0:0:1:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 100:0:0:2:: | PUBLIC
      2001::/23          | 2001::          | 2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 2001:200:: | PUBLIC
      2001::/32          | 2001::          | 2001:0:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC
      2001:1::1/128      | 2001:1::1       | 2001:1::1       | PUBLIC PUBLIC | 2001:1::        | OPT_IN
      2001:1::2/128      | 2001:1::2       | 2001:1::2       | PUBLIC PUBLIC | 2001:1::4       | OPT_IN
      2001:1::3/128      | 2001:1::3       | 2001:1::3       | PUBLIC PUBLIC | 2001:1::4       | OPT_IN
      2001:2::/48        | 2001:2::        | 2001:2:0:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 2001:2:1:: | OPT_IN
      2001:3::/32        | 2001:3::        | 2001:3:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC PUBLIC | 2001:4:: | OPT_IN
      2001:4:112::/48    | 2001:4:112::    | 2001:4:112:ffff:ffff:ffff:ffff:ffff | PUBLIC PUBLIC | 2001:4:113:: | OPT_IN
      2001:10::/28       | 2001:10::       | 2001:1f:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 2001:f:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN
      2001:20::/28       | 2001:20::       | 2001:2f:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC PUBLIC | 2001:1f:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN
      2001:30::/28       | 2001:30::       | 2001:3f:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC PUBLIC | 2001:40:: | OPT_IN
      2001:db8::/32      | 2001:db8::      | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 2001:db9:: | PUBLIC
      2002::/16          | 2002::          | 2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 2003:: | PUBLIC
      2620:4f:8000::/48  | 2620:4f:8000::  | 2620:4f:8000:ffff:ffff:ffff:ffff:ffff | PUBLIC PUBLIC | 2620:4f:8001:: | PUBLIC
      3fff::/20          | 3fff::          | 3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 3fff:1000:: | PUBLIC
      5f00::/16          | 5f00::          | 5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | 5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC
      fc00::/7           | fc00::          | fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC
      fe80::/10          | fe80::          | febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff | PUBLIC
      fec0::/10          | fec0::          | feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN OPT_IN | ff00:: | NEVER
      ff00::/8           | ff00::          | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | NEVER  NEVER  | feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | OPT_IN
      """;

  /** One address of the table: how an A (IPv4) or AAAA (IPv6 text) answer holding it is treated. */
  record Row(String block, String address, String treatment) {
    RecordFamily family() {
      return address.contains(":") ? RecordFamily.AAAA : RecordFamily.A;
    }

    @Override
    public String toString() {
      return address + " (" + family() + ", " + block + " " + treatment + ")";
    }
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] cells = line.split("\\|");
      String block = cells[0].strip();
      String[] treatments = cells[3].strip().split("\\s+");
      rows.add(new Row(block, cells[1].strip(), treatments[0]));
      rows.add(new Row(block, cells[2].strip(), treatments[1]));
      rows.add(new Row(block + " neighbour", cells[4].strip(), cells[5].strip()));
    }
    return rows;
  }

  static Stream<Arguments> rowsWithAndWithoutOptIn() {
    return rows().stream().flatMap(row -> Stream.of(Arguments.of(row, false), Arguments.of(row, true)));
  }

  @ParameterizedTest(name = "{0}, opt-in {1}")
  @MethodSource("rowsWithAndWithoutOptIn")
  void treatsEachBlocksFirstLastAndNeighbouringAddressAsTheRegistrySays(Row row, boolean optIn) {
    IpAddress address = IpAddress.parse(row.address());
    boolean accepted = switch (row.treatment()) {
      case "PUBLIC" -> true;
      case "OPT_IN" -> optIn;
      case "NEVER" -> false;
      default -> throw new IllegalArgumentException(row.treatment());
    };

    AnswerAddressPolicy.Screened screened =
        new AnswerAddressPolicy(optIn).screen(HOST, row.family(), List.of(address));

    if (accepted) {
      assertThat(screened.accepted()).containsExactly(address);
      assertThat(screened.refused()).isEmpty();
      assertThat(screened.failure()).isNull();
    } else {
      assertThat(screened.accepted()).isEmpty();
      assertThat(screened.refused()).extracting(AnswerAddressPolicy.Refusal::address).containsExactly(address);
      assertThat(screened.failure()).startsWith("every address of the answer was refused by the address policy: ");
    }
  }

  @Test
  void theTableCoversEveryBlockOfThePolicy() {
    Set<String> tested = rows().stream()
        .map(Row::block)
        .filter(block -> !block.endsWith("neighbour"))
        .collect(Collectors.toCollection(TreeSet::new));
    tested.remove("::ffff:0:0/96"); // IPv4-mapped: refused by record type, not a block (see the policy)
    Set<String> blocks = SpecialPurposeAddresses.blocks().stream()
        .map(block -> block.range().toString())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(blocks).isEqualTo(tested);
  }

  @Test
  void namesTheMostSpecificBlockAnAddressLiesIn() {
    assertThat(refusal("0.0.0.0")).isEqualTo("0.0.0.0 in 0.0.0.0/32 \"This host on this network\" (RFC 1122),"
        + " never accepted");
    assertThat(refusal("192.0.0.8")).isEqualTo("192.0.0.8 in 192.0.0.8/32 IPv4 dummy address (RFC 7600)");
    assertThat(refusal("127.0.0.1")).isEqualTo("127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)");
    assertThat(refusal("fd00::1")).isEqualTo("fd00::1 in fc00::/7 Unique-Local (RFC 4193)");
    assertThat(refusal("::ffff:8.8.8.8")).isEqualTo("8.8.8.8 in " + AnswerAddressPolicy.IPV4_MAPPED);
  }

  private static String refusal(String address) {
    IpAddress parsed = IpAddress.parse(address);
    RecordFamily family = address.contains(":") ? RecordFamily.AAAA : RecordFamily.A;
    return new AnswerAddressPolicy(false).screen(HOST, family, List.of(parsed)).refused().get(0).toString();
  }

  @Test
  void anAaaaAnswerNeverYieldsIpv4EvenWithTheOptIn() {
    IpAddress mapped = IpAddress.parse("::ffff:93.184.216.34"); // a public IPv4 address, IPv4-mapped

    AnswerAddressPolicy.Screened screened =
        new AnswerAddressPolicy(true).screen(HOST, RecordFamily.AAAA, List.of(mapped));

    assertThat(screened.accepted()).isEmpty();
    assertThat(screened.failure()).contains("93.184.216.34 in ::ffff:0:0/96 IPv4-mapped Address");
  }

  @Test
  void keepsTheAcceptableAddressesOfAMixedAnswer() {
    List<IpAddress> answer = Stream.of("93.184.216.34", "10.0.0.1", "93.184.216.35", "224.0.0.1")
        .map(IpAddress::parse).toList();

    AnswerAddressPolicy.Screened screened = new AnswerAddressPolicy(false).screen(HOST, RecordFamily.A, answer);

    assertThat(screened.failure()).isNull();
    assertThat(screened.accepted()).extracting(Object::toString).containsExactly("93.184.216.34", "93.184.216.35");
    assertThat(screened.refused()).extracting(Object::toString).containsExactly(
        "10.0.0.1 in 10.0.0.0/8 Private-Use (RFC 1918)",
        "224.0.0.1 in 224.0.0.0/4 Multicast (RFC 5771), never accepted");
  }

  @Test
  void anAnswerWithMoreThanTheMaximumOfAddressesIsImplausible() {
    List<IpAddress> atMost = publicAddresses(AnswerAddressPolicy.MAX_ADDRESSES_PER_RECORD_TYPE);
    List<IpAddress> tooMany = publicAddresses(AnswerAddressPolicy.MAX_ADDRESSES_PER_RECORD_TYPE + 1);
    AnswerAddressPolicy policy = new AnswerAddressPolicy(false);

    assertThat(policy.screen(HOST, RecordFamily.A, atMost).accepted()).hasSize(32);
    AnswerAddressPolicy.Screened screened = policy.screen(HOST, RecordFamily.A, tooMany);
    assertThat(screened.accepted()).isEmpty();
    assertThat(screened.failure())
        .isEqualTo("implausible answer: 33 A records for callback-1.vipps.no, at most 32 accepted");
  }

  private static List<IpAddress> publicAddresses(int count) {
    List<IpAddress> addresses = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      addresses.add(IpAddress.parse("93.184.216." + i));
    }
    return Collections.unmodifiableList(addresses);
  }
}
