package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VippsAllowlistBuilderTest {

  private final VippsAllowlist.Builder builder = VippsAllowlist.builder(VippsEnvironment.PROD);

  @Test
  void minTtlBelowOneSecondIsRefusedNamingTheSettingAndValue() {
    assertThatThrownBy(() -> builder.minTtl(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min-ttl must be at least 1s, was PT0.5S");
    assertThatThrownBy(() -> builder.maxTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max-ttl must be at least 1s, was PT0S");
  }

  @Test
  void minTtlOfOneSecondIsAccepted() {
    builder.minTtl(Duration.ofSeconds(1)).maxTtl(Duration.ofSeconds(1));
  }

  @Test
  void minTtlAboveMaxTtlIsRefusedAtBuild() {
    builder.minTtl(Duration.ofMinutes(10)).maxTtl(Duration.ofMinutes(5)).dnsServers(List.of("127.0.0.1"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min-ttl (PT10M) must not be greater than max-ttl (PT5M)");
  }

  @Test
  void queryTimeoutRetriesAndMaxStaleAreChecked() {
    assertThatThrownBy(() -> builder.queryTimeout(Duration.ZERO))
        .hasMessage("query-timeout must be positive, was PT0S");
    assertThatThrownBy(() -> builder.queryTimeout(Duration.ofSeconds(-1)))
        .hasMessage("query-timeout must be positive, was PT-1S");
    assertThatThrownBy(() -> builder.retries(-1)).hasMessage("retries must be 0..10, was -1");
    assertThatThrownBy(() -> builder.retries(11)).hasMessage("retries must be 0..10, was 11");
    assertThatThrownBy(() -> builder.maxStale(Duration.ofHours(-1)))
        .hasMessage("max-stale must not be negative, was PT-1H");
    builder.retries(0).retries(10).maxStale(Duration.ZERO).queryTimeout(Duration.ofMillis(1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "[::1|no closing ']'",
      "ns1.example.com|'ns1.example.com' is not an IP address literal",
      "ns1.example.com:53|'ns1.example.com' is not an IP address literal",
      "10.0.0.53:0|port '0' is not a number 1..65535",
      "10.0.0.53:65536|port '65536' is not a number 1..65535",
      "10.0.0.53:|port '' is not a number 1..65535",
      "10.0.0.53:5x|port '5x' is not a number 1..65535",
      "[2001:db8::53]x|unexpected text after ']'",
      "010.0.0.53|'010.0.0.53' is not an IP address literal",
      "\"\"|'' is not an IP address literal",
      "udp://10.0.0.53|is not an IP address literal",
  })
  void dnsServerThatIsNotAnAddressAndPortIsRefusedNamingIt(String server, String why) {
    assertThatThrownBy(() -> builder.dnsServers(List.of(server)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("dns server '" + server + "' is not ip, ip:port or [v6]:port")
        .hasMessageContaining(why);
  }

  @Test
  void dnsServersAcceptAddressesWithAndWithoutPorts() {
    assertThat(DnsServers.parse("10.0.0.53")).isEqualTo(socket("10.0.0.53", 53));
    assertThat(DnsServers.parse(" 10.0.0.53:5353 ")).isEqualTo(socket("10.0.0.53", 5353));
    assertThat(DnsServers.parse("2001:db8::53")).isEqualTo(socket("2001:db8::53", 53));
    assertThat(DnsServers.parse("[2001:db8::53]")).isEqualTo(socket("2001:db8::53", 53));
    assertThat(DnsServers.parse("[::1]:5353")).isEqualTo(socket("::1", 5353));
  }

  @Test
  void nullEntriesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> builder.dnsServers(Arrays.asList("10.0.0.53", null)))
        .hasMessage("dns-servers must not contain null");
    assertThatThrownBy(() -> builder.hosts(Arrays.asList("callback-1.vipps.no", null)))
        .hasMessage("hosts must not contain null");
    assertThatThrownBy(() -> builder.additionalAddresses(Arrays.asList((String) null)))
        .hasMessage("additional-addresses must not contain null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://callback-1.vipps.no", "callback-1.vipps.no:443", "callback-1.vipps.no/x",
      "-callback.vipps.no", "callback-.vipps.no", "callback..vipps.no", "call back.vipps.no", "",
      "callback_1.vipps.no", "callb\u00e5ck.vipps.no", ".", "callback-1.vipps.no.."})
  void hostThatIsNotADnsNameIsRefusedNamingTheSettingAndValue(String host) {
    assertThatThrownBy(() -> builder.hosts(List.of(host)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("hosts entry '" + host + "' is not a DNS host name (");
    assertThatThrownBy(() -> builder.additionalHosts(List.of(host)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("additional-hosts entry '" + host + "' is not a DNS host name (");
  }

  @Test
  void tooLongNamesAndLabelsAreRefused() {
    String label64 = "a".repeat(64);
    assertThatThrownBy(() -> builder.hosts(List.of(label64 + ".example")))
        .hasMessageContaining("label longer than 63 characters");
    String name254 = ("a".repeat(49) + ".").repeat(5) + "abcd";
    assertThatThrownBy(() -> builder.hosts(List.of(name254))).hasMessageContaining("longer than 253 characters");
  }

  @Test
  void emptyHostsAreRefusedNamingTheDefault() {
    assertThatThrownBy(() -> builder.hosts(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("hosts must not be empty; leave it unset to use the prod request servers");
  }

  @Test
  void hostsDefaultToTheEnvironmentsRequestServers() {
    VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST).dnsServers(List.of("127.0.0.1")).build();

    assertThat(allowlist.environment()).isEqualTo(VippsEnvironment.TEST);
    assertThat(allowlist.hosts()).containsExactly("callback-mt-1.vipps.no", "callback-mt-2.vipps.no");
  }

  @Test
  void hostsReplaceTheEnvironmentListAndAdditionalHostsAreAddedLowerCasedWithoutDuplicates() {
    VippsAllowlist allowlist = builder
        .additionalHosts(List.of("Extra.Example.", "callback-new.vipps.no"))
        .hosts(List.of("CALLBACK-NEW.vipps.no.", "callback-new.vipps.no", "other.vipps.no"))
        .dnsServers(List.of("127.0.0.1"))
        .build();

    assertThat(allowlist.hosts()).containsExactly("callback-new.vipps.no", "other.vipps.no", "extra.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1/8", "localhost", "10.0.0.0/33", "010.0.0.1", "fe80::1%eth0", "10.1"})
  void additionalAddressThatIsNotAnAddressOrRangeIsRefusedNamingIt(String entry) {
    assertThatThrownBy(() -> builder.additionalAddresses(List.of("127.0.0.1", entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("additional-addresses entry '" + entry + "' is not an IP address or CIDR range");
  }

  @Test
  void buildsWithTheSystemsResolversWhenNoServerIsConfigured() {
    try (VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.PROD).build()) {
      assertThat(allowlist.isReady()).isFalse();
    }
  }

  @Test
  void emptyDnsServersMeanTheSystemsResolvers() {
    try (VippsAllowlist allowlist = builder.dnsServers(List.of()).build()) {
      assertThat(allowlist.hosts()).hasSize(8);
    }
  }

  private static InetSocketAddress socket(String address, int port) {
    return new InetSocketAddress(IpAddress.parse(address).toInetAddress(), port);
  }
}
