package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientAddressResolverTest {

  private static final List<String> TRUSTED = List.of("10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.10");
  private static final String PROXY = "10.0.0.1";
  private static final String STRANGER = "203.0.113.7";

  private static final ClientAddressResolver BEHIND_PROXIES = ClientAddressResolver.trusting(TRUSTED);

  private static Arguments row(
      String behaviour, String peer, List<String> xff, List<String> forwarded, @Nullable String client) {
    return arguments(named(behaviour, peer), xff, forwarded, client);
  }

  private static Arguments xff(String behaviour, String peer, List<String> xff, @Nullable String client) {
    return row(behaviour, peer, xff, List.of(), client);
  }

  private static Arguments fwd(
      String behaviour, String peer, List<String> forwarded, @Nullable String client) {
    return row(behaviour, peer, List.of(), forwarded, client);
  }

  static Stream<Arguments> behindTrustedProxies() {
    return Stream.of(
        // The peer decides whether the headers are read at all.
        xff("untrusted peer: its spoofed header is never read", STRANGER, List.of("192.0.2.99"), STRANGER),
        xff("untrusted peer: obfuscated header is not read, so no deny", STRANGER, List.of("unknown"), STRANGER),
        fwd("untrusted peer: spoofed Forwarded is never read", STRANGER, List.of("for=192.0.2.99"), STRANGER),
        xff("untrusted peer: injected header is never read", STRANGER,
            List.of("192.0.2.99\r\nX-Forwarded-For: 192.0.2.98"), STRANGER),
        row("trusted peer without headers is the client", PROXY, List.of(), List.of(), PROXY),
        xff("trusted peer given as IPv4-mapped IPv6 reads the headers", "::ffff:10.0.0.1",
            List.of("198.51.100.1"), "198.51.100.1"),
        xff("trusted IPv6 peer reads the headers", "2001:db8:ffff::1", List.of("198.51.100.1"), "198.51.100.1"),
        xff("trusted peer that is a single-address entry reads the headers", "192.0.2.10",
            List.of("198.51.100.1"), "198.51.100.1"),
        xff("peer just outside the trusted ranges is the client", "11.0.0.1", List.of("198.51.100.1"), "11.0.0.1"),
        xff("peer that is not an address is returned as given and never trusted", "localhost",
            List.of("198.51.100.1"), "localhost"),

        // X-Forwarded-For
        xff("one hop behind the proxy is the client", PROXY, List.of("198.51.100.1"), "198.51.100.1"),
        xff("trusted hops are skipped right to left", PROXY, List.of("198.51.100.1, 10.0.0.2, 10.0.0.3"),
            "198.51.100.1"),
        xff("spoofed leftmost hop is not the client", PROXY, List.of("192.0.2.99, 198.51.100.1"), "198.51.100.1"),
        xff("spoofed leftmost hop behind two proxies is not the client", PROXY,
            List.of("192.0.2.99, 198.51.100.1, 10.0.0.2"), "198.51.100.1"),
        xff("spoofed trusted-looking leftmost hop is not the client", PROXY,
            List.of("10.9.9.9, 198.51.100.1"), "198.51.100.1"),
        xff("header lines concatenate in order", PROXY, List.of("192.0.2.99", "198.51.100.1, 10.0.0.2"),
            "198.51.100.1"),
        xff("header lines concatenate: last line's trusted hop is skipped", PROXY,
            List.of("198.51.100.1", "10.0.0.2"), "198.51.100.1"),
        xff("all hops trusted: the leftmost is the client", PROXY, List.of("10.0.0.5, 10.0.0.6"), "10.0.0.5"),
        xff("all hops trusted over several lines: the leftmost is the client", PROXY,
            List.of("10.0.0.5", "10.0.0.6, 10.0.0.7"), "10.0.0.5"),
        xff("'unknown' before the client denies", PROXY, List.of("198.51.100.1, unknown"), null),
        xff("'_hidden' before the client denies", PROXY, List.of("198.51.100.1, _hidden"), null),
        xff("'unknown' left of the client is never reached", PROXY, List.of("unknown, 198.51.100.1"),
            "198.51.100.1"),
        xff("garbage left of the client is never reached", PROXY, List.of("\"x\"[]%%, 198.51.100.1"),
            "198.51.100.1"),
        xff("empty hop before the client denies", PROXY, List.of("198.51.100.1, "), null),
        xff("empty hop between hops denies", PROXY, List.of("198.51.100.1,,10.0.0.2"), null),
        xff("empty header value denies", PROXY, List.of(""), null),
        xff("host name hop denies", PROXY, List.of("198.51.100.1, proxy.example"), null),
        xff("octal-looking hop is not an address and denies", PROXY, List.of("198.51.100.1, 010.0.0.1"), null),
        xff("short-form hop is not an address and denies", PROXY, List.of("10.1"), null),
        xff("integer hop is not an address and denies", PROXY, List.of("3325256705"), null),
        xff("zone id hop denies", PROXY, List.of("fe80::1%eth0"), null),
        xff("OWS around hops is trimmed", PROXY, List.of("  198.51.100.1 ,\t10.0.0.2  "), "198.51.100.1"),
        xff("non-breaking space is not OWS and denies", PROXY, List.of("198.51.100.1\u00a0"), null),
        xff("IPv4 with port", PROXY, List.of("198.51.100.1:5678"), "198.51.100.1"),
        xff("IPv4 with port behind a trusted hop with port", PROXY, List.of("198.51.100.1:5678, 10.0.0.2:80"),
            "198.51.100.1"),
        xff("port out of range denies", PROXY, List.of("198.51.100.1:65536"), null),
        xff("empty port denies", PROXY, List.of("198.51.100.1:"), null),
        xff("two ports deny", PROXY, List.of("198.51.100.1:80:80"), null),
        xff("non-digit port denies", PROXY, List.of("198.51.100.1:http"), null),
        xff("bare IPv6 is one address, not address and port", PROXY, List.of("2001:db8::1"), "2001:db8::1"),
        xff("bare IPv6 ending in what looks like a port is still IPv6", PROXY, List.of("::1:80"), "::1:80"),
        xff("bracketed IPv6", PROXY, List.of("[2001:db8::1]"), "2001:db8::1"),
        xff("bracketed IPv6 with port", PROXY, List.of("[2001:db8::1]:443"), "2001:db8::1"),
        xff("bracketed IPv6 with bad port denies", PROXY, List.of("[2001:db8::1]:x"), null),
        xff("bracketed IPv4 denies", PROXY, List.of("[198.51.100.1]"), null),
        xff("unclosed bracket denies", PROXY, List.of("[2001:db8::1"), null),
        xff("IPv6 hop text is returned as written", PROXY, List.of("2001:DB8::1"), "2001:DB8::1"),
        xff("trusted IPv6 hop is skipped", PROXY, List.of("2001:db8::1, 2001:db8:ffff::2"), "2001:db8::1"),
        xff("IPv4-mapped trusted hop is skipped", PROXY, List.of("198.51.100.1, ::ffff:10.0.0.9"),
            "198.51.100.1"),
        xff("CR LF inside a value denies", PROXY, List.of("198.51.100.1\r\nX-Forwarded-For: 192.0.2.99"), null),
        xff("LF alone inside a value denies", PROXY, List.of("192.0.2.99\n, 198.51.100.1\n"), null),
        xff("NUL inside a value denies", PROXY, List.of("198.51.100.1\u0000"), null),

        // Forwarded (RFC 7239)
        fwd("for= names the client", PROXY, List.of("for=198.51.100.1"), "198.51.100.1"),
        fwd("parameter names are case-insensitive", PROXY, List.of("For=198.51.100.1;proto=https;BY=10.0.0.1"),
            "198.51.100.1"),
        fwd("upper-case FOR", PROXY, List.of("FOR=198.51.100.1"), "198.51.100.1"),
        fwd("for may come after other parameters", PROXY, List.of("proto=https;host=example.com;for=198.51.100.1"),
            "198.51.100.1"),
        fwd("quoted IPv4", PROXY, List.of("for=\"198.51.100.1\""), "198.51.100.1"),
        fwd("quoted IPv4 with port", PROXY, List.of("for=\"198.51.100.1:5678\""), "198.51.100.1"),
        fwd("quoted IPv4 with obfuscated port", PROXY, List.of("for=\"198.51.100.1:_abc\""), "198.51.100.1"),
        fwd("bracketed IPv6", PROXY, List.of("for=\"[2001:db8::1]\""), "2001:db8::1"),
        fwd("bracketed IPv6 with port", PROXY, List.of("for=\"[2001:db8::1]:443\""), "2001:db8::1"),
        fwd("bracketed IPv6 with obfuscated port", PROXY, List.of("for=\"[2001:db8::1]:_p-1\""), "2001:db8::1"),
        fwd("unquoted brackets are a syntax error and deny", PROXY, List.of("for=[2001:db8::1]"), null),
        fwd("unquoted port is a syntax error and denies", PROXY, List.of("for=198.51.100.1:80"), null),
        fwd("bare IPv6 is not a Forwarded node and denies", PROXY, List.of("for=\"2001:db8::1\""), null),
        fwd("bracketed IPv4 denies", PROXY, List.of("for=\"[198.51.100.1]\""), null),
        fwd("'unknown' denies", PROXY, List.of("for=unknown"), null),
        fwd("obfuscated node denies", PROXY, List.of("for=_hidden"), null),
        fwd("'unknown' before the client denies", PROXY, List.of("for=198.51.100.1, for=unknown"), null),
        fwd("'unknown' left of the client is never reached", PROXY, List.of("for=unknown, for=198.51.100.1"),
            "198.51.100.1"),
        fwd("trusted hops are skipped right to left", PROXY,
            List.of("for=192.0.2.99, for=198.51.100.1, for=10.0.0.2"), "198.51.100.1"),
        fwd("header lines concatenate in order", PROXY,
            List.of("for=192.0.2.99", "for=198.51.100.1;proto=http", "for=10.0.0.2"), "198.51.100.1"),
        fwd("all hops trusted: the leftmost is the client", PROXY, List.of("for=10.0.0.5, for=10.0.0.6"),
            "10.0.0.5"),
        fwd("element without for denies", PROXY, List.of("for=198.51.100.1, proto=https"), null),
        fwd("empty element denies", PROXY, List.of("for=198.51.100.1, "), null),
        fwd("empty header value denies", PROXY, List.of(""), null),
        fwd("for twice in one element denies", PROXY, List.of("for=198.51.100.1;for=10.0.0.2"), null),
        fwd("backslash escapes are undone", PROXY, List.of("for=\"198.51.100.\\1\""), "198.51.100.1"),
        fwd("escaped IPv6", PROXY, List.of("for=\"[2001:db8::\\1]\""), "2001:db8::1"),
        fwd("comma inside quotes does not split elements", PROXY,
            List.of("for=\"198.51.100.1, for=10.0.0.2\""), null),
        fwd("semicolon inside quotes does not split pairs", PROXY,
            List.of("for=198.51.100.1;ext=\"a;for=10.0.0.2\""), "198.51.100.1"),
        fwd("quote left open denies", PROXY, List.of("for=\"198.51.100.1"), null),
        fwd("quote left open swallows the rest of the line and denies", PROXY,
            List.of("for=\"192.0.2.99, for=198.51.100.1"), null),
        fwd("quote left open on an earlier line is never reached", PROXY,
            List.of("for=\"192.0.2.99", "for=198.51.100.1"), "198.51.100.1"),
        fwd("trailing backslash in quotes denies", PROXY, List.of("for=\"198.51.100.1\\"), null),
        fwd("OWS around separators is accepted", PROXY,
            List.of("for=198.51.100.1 ; proto=https , for=10.0.0.2"), "198.51.100.1"),
        fwd("white space around '=' is a syntax error and denies", PROXY, List.of("for = 198.51.100.1"), null),
        fwd("missing value denies", PROXY, List.of("for="), null),
        fwd("missing name denies", PROXY, List.of("=198.51.100.1"), null),
        fwd("CR LF after a value denies", PROXY, List.of("for=198.51.100.1\r\n;for=10.0.0.2"), null),
        fwd("CR LF inside quotes denies", PROXY, List.of("for=\"198.51.100.1\r\n\""), null),
        fwd("NUL in a token denies", PROXY, List.of("for=198.51.100.1\u0000"), null),
        fwd("octal-looking for denies", PROXY, List.of("for=010.0.0.1"), null),

        // Both headers
        row("both headers agree", PROXY, List.of("198.51.100.1"), List.of("for=198.51.100.1"), "198.51.100.1"),
        row("both headers agree on the same address spelt differently", PROXY, List.of("2001:db8::1"),
            List.of("for=\"[2001:DB8:0::1]:443\""), "2001:db8::1"),
        row("both headers agree on an IPv4 address, one IPv4-mapped", PROXY, List.of("::ffff:198.51.100.1"),
            List.of("for=198.51.100.1"), "::ffff:198.51.100.1"),
        row("both headers disagree", PROXY, List.of("198.51.100.1"), List.of("for=198.51.100.2"), null),
        row("spoofed Forwarded next to a proxy-set X-Forwarded-For denies", PROXY,
            List.of("192.0.2.99, 198.51.100.1"), List.of("for=192.0.2.99"), null),
        row("X-Forwarded-For obfuscated, Forwarded fine: deny", PROXY, List.of("unknown"),
            List.of("for=198.51.100.1"), null),
        row("Forwarded obfuscated, X-Forwarded-For fine: deny", PROXY, List.of("198.51.100.1"),
            List.of("for=unknown"), null),
        row("untrusted peer with both headers disagreeing is the client", STRANGER, List.of("198.51.100.1"),
            List.of("for=198.51.100.2"), STRANGER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("behindTrustedProxies")
  void resolvesClientBehindTrustedProxies(
      String peer, List<String> xff, List<String> forwarded, @Nullable String client) {
    assertThat(BEHIND_PROXIES.resolve(peer, xff, forwarded)).isEqualTo(client);
  }

  static Stream<Arguments> spoofedHeadersWithoutProxies() {
    return Stream.of(
        arguments(STRANGER, List.of("198.51.100.1"), List.of()),
        arguments(STRANGER, List.of(), List.of("for=198.51.100.1")),
        arguments(PROXY, List.of("198.51.100.1"), List.of("for=198.51.100.1")),
        arguments("2001:db8::5", List.of("unknown"), List.of("for=_hidden")),
        arguments(STRANGER, List.of("198.51.100.1\r\nX-Forwarded-For: 192.0.2.99"), List.of("for=\"")));
  }

  @ParameterizedTest
  @MethodSource("spoofedHeadersWithoutProxies")
  void ignoresHeadersWhenNoProxyIsTrustedThenPeerIsClient(
      String peer, List<String> xff, List<String> forwarded) {
    assertThat(ClientAddressResolver.ignoringForwardedHeaders().resolve(peer, xff, forwarded)).isSameAs(peer);
    assertThat(ClientAddressResolver.trusting(List.of()).resolve(peer, xff, forwarded)).isSameAs(peer);
  }

  @Test
  void returnsThePeerStringItselfWhenHeadersAreNotUsed() {
    String peer = new String("203.0.113.7".toCharArray());
    assertThat(BEHIND_PROXIES.resolve(peer, List.of("198.51.100.1"), List.of())).isSameAs(peer);
    String proxy = new String(PROXY.toCharArray());
    assertThat(BEHIND_PROXIES.resolve(proxy, List.of(), List.of())).isSameAs(proxy);
  }

  @Test
  void readsForwardedHeadersOnlyWhenSomeProxyIsTrusted() {
    assertThat(ClientAddressResolver.ignoringForwardedHeaders().readsForwardedHeaders()).isFalse();
    assertThat(ClientAddressResolver.trusting(List.of()).readsForwardedHeaders()).isFalse();
    assertThat(BEHIND_PROXIES.readsForwardedHeaders()).isTrue();
  }

  @Test
  void listsTrustedProxiesSortedAndUnmodifiable() {
    List<IpRange> proxies = BEHIND_PROXIES.trustedProxies();
    assertThat(proxies)
        .extracting(IpRange::toString)
        .containsExactly("10.0.0.0/8", "192.0.2.10/32", "2001:db8:ffff::/48");
    assertThatThrownBy(() -> proxies.add(IpRange.parse("1.2.3.4")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsBadTrustedProxyNamingTheEntry() {
    assertThatThrownBy(() -> ClientAddressResolver.trusting(List.of("10.0.0.0/8", "10.0.0.1/8")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad trusted proxy \"10.0.0.1/8\"")
        .hasMessageContaining("did you mean 10.0.0.0/8?");
    assertThatThrownBy(() -> ClientAddressResolver.trusting(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"proxy.internal\"")
        .hasMessageContaining("10.0.0.0/8");
    assertThatThrownBy(() -> ClientAddressResolver.trusting(List.of(" 10.0.0.1")))
        .hasMessageContaining("\" 10.0.0.1\"");
    assertThatThrownBy(() -> ClientAddressResolver.trusting(List.of("10.0.0.0/33")))
        .hasMessageContaining("\"10.0.0.0/33\"");
    assertThatThrownBy(() -> ClientAddressResolver.trusting(List.of("proxy\r\nINFO forged")))
        .hasMessageContaining("\"proxy\\u000d\\u000aINFO forged\"")
        .hasMessageNotContaining("\n");
  }

  // ---------------------------------------------------------------- absurd sizes

  @Test
  void tenThousandJunkHopsLeftOfTheClientAreNeverReached() {
    String junk = String.join(", ", Collections.nCopies(10_000, "unknown"));
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(junk + ", 198.51.100.1, 10.0.0.2"), List.of()))
        .isEqualTo("198.51.100.1");
    String junkElements = String.join(", ", Collections.nCopies(10_000, "for=unknown"));
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(), List.of(junkElements + ", for=198.51.100.1")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void tenThousandTrustedHopsGiveTheLeftmost() {
    String hops = String.join(", ", Collections.nCopies(10_000, "10.0.0.9"));
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of("10.0.0.8, " + hops), List.of())).isEqualTo("10.0.0.8");
    String elements = String.join(",", Collections.nCopies(10_000, "for=10.0.0.9"));
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(), List.of("for=10.0.0.8," + elements)))
        .isEqualTo("10.0.0.8");
  }

  @Test
  void tenThousandHeaderLinesAreOneList() {
    List<String> lines = new ArrayList<>(Collections.nCopies(10_000, "10.0.0.9"));
    lines.add(0, "198.51.100.1");
    assertThat(BEHIND_PROXIES.resolve(PROXY, lines, List.of())).isEqualTo("198.51.100.1");
    List<String> fwdLines = new ArrayList<>(Collections.nCopies(10_000, "for=10.0.0.9"));
    fwdLines.add("for=_hidden");
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(), fwdLines)).isNull();
  }

  @Test
  void tenThousandObfuscatedHopsBeforeTheClientDeny() {
    String junk = String.join(",", Collections.nCopies(10_000, "_x"));
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of("198.51.100.1," + junk), List.of())).isNull();
    assertThat(BEHIND_PROXIES.resolve(STRANGER, List.of("198.51.100.1," + junk), List.of()))
        .isEqualTo(STRANGER);
  }

  @Test
  void megabyteValuesDenyWithoutTrouble() {
    String digits = "1".repeat(1_000_000);
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(digits), List.of())).isNull();
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(), List.of("for=\"" + digits))).isNull();
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(), List.of("for=\"" + digits + "\""))).isNull();
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(), List.of(";".repeat(1_000_000)))).isNull();
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(",".repeat(1_000_000)), List.of())).isNull();
    assertThat(BEHIND_PROXIES.resolve(PROXY, List.of(), List.of("for=\"" + "\\\"".repeat(500_000) + "\"")))
        .isNull();
  }

  // ---------------------------------------------------------------- random hostile input

  private static final String ALPHABET = "0123456789abcdefABCDEF.:[]\",;= \t\r\n_%\\/-xunkowFORfr\u00a0\u0661\u0000";

  private static String randomValue(SplittableRandom random, String[] fragments) {
    StringBuilder value = new StringBuilder();
    int parts = random.nextInt(12);
    for (int p = 0; p < parts; p++) {
      if (random.nextBoolean()) {
        value.append(fragments[random.nextInt(fragments.length)]);
      } else {
        value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return value.toString();
  }

  @Test
  void randomHostileHeadersNeverThrowAndNeverYieldAnythingButAnAddressFromThem() {
    String[] fragments = {
      "for=", "\"", "[", "]", ":", ",", ";", "198.51.100.1", "10.0.0.2", "2001:db8::1", "::ffff:",
      "unknown", "_hidden", ":443", "\\", "For=", "proto=https", "\r\n", " "
    };
    SplittableRandom random = new SplittableRandom(20261123L);
    int resolved = 0;
    for (int i = 0; i < 20_000; i++) {
      List<String> xff = new ArrayList<>();
      List<String> forwarded = new ArrayList<>();
      int lines = random.nextInt(3);
      for (int l = 0; l < lines; l++) {
        xff.add(randomValue(random, fragments));
      }
      lines = random.nextInt(3);
      for (int l = 0; l < lines; l++) {
        forwarded.add(randomValue(random, fragments));
      }
      assertThat(BEHIND_PROXIES.resolve(STRANGER, xff, forwarded)).isSameAs(STRANGER);
      String client = BEHIND_PROXIES.resolve(PROXY, xff, forwarded);
      if (client != null) {
        resolved++;
        assertThat(IpAddress.tryParse(client)).as("%s %s -> %s", xff, forwarded, client).isNotNull();
        String all = String.join(",", xff) + String.join(",", forwarded) + PROXY;
        assertThat(all.replace("\\", "")).contains(client);
      }
    }
    assertThat(resolved).as("some random inputs resolve, so the walk was exercised").isPositive();
  }

  // ---------------------------------------------------------------- allocation

  @Test
  void resolvingWithoutReadingHeadersAllocatesNothing() {
    List<String> xff = List.of("198.51.100.1, 10.0.0.2");
    List<String> forwarded = List.of("for=198.51.100.1");
    List<String> none = List.of();
    ClientAddressResolver ignoring = ClientAddressResolver.ignoringForwardedHeaders();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
    for (int i = 0; i < 20; i++) {
      assertThat(resolveMany(ignoring, BEHIND_PROXIES, xff, forwarded, none)).isEqualTo(40_000);
    }
    List<Long> allocatedPerRun = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      int peers = resolveMany(ignoring, BEHIND_PROXIES, xff, forwarded, none);
      allocatedPerRun.add(threads.getCurrentThreadAllocatedBytes() - before);
      assertThat(peers).isEqualTo(40_000);
    }
    // As in AddressSetTest: the quietest run counts; per-call allocation would show in every run.
    assertThat(allocatedPerRun).contains(0L);
  }

  static Stream<Arguments> threeHopsBehindTrustedProxies() {
    return Stream.of(
        arguments(named("X-Forwarded-For, IPv4", List.of("203.0.113.7, 10.0.0.1, 10.0.0.2")), List.of(),
            "203.0.113.7"),
        arguments(named("X-Forwarded-For, IPv6",
                List.of("2001:db8:85a3::8a2e:370:7334, 2001:db8:ffff::1, 10.0.0.2")), List.of(),
            "2001:db8:85a3::8a2e:370:7334"),
        arguments(named("Forwarded, IPv4", List.<String>of()),
            List.of("for=203.0.113.7;proto=https, for=10.0.0.1, for=10.0.0.2"), "203.0.113.7"),
        arguments(named("Forwarded, IPv6 quoted with port, over two lines", List.<String>of()),
            List.of("for=\"[2001:db8:85a3::8a2e:370:7334]:443\";proto=https;by=_edge, For=10.0.0.1",
                "for=\"[2001:db8:ffff::2]\""),
            "2001:db8:85a3::8a2e:370:7334"),
        arguments(named("both headers, the same client", List.of("203.0.113.7, 10.0.0.1, 10.0.0.2")),
            List.of("for=203.0.113.7;proto=https, for=10.0.0.1, for=10.0.0.2"), "203.0.113.7"));
  }

  @ParameterizedTest
  @MethodSource("threeHopsBehindTrustedProxies")
  void threeHopsBehindTrustedProxiesAllocateOnlyTheReturnedAddress(
      List<String> xff, List<String> forwarded, String client) {
    // The results are kept, so the JIT cannot drop their allocation; what the same address string costs
    // is measured in the same way, by copying it out of a longer string as resolve copies it out of a
    // header value.
    String[] results = new String[10_000];
    String longer = "," + client;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);
    for (int round = 0; round < 20; round++) { // warm-up, also lets the JIT compile
      assertThat(resolveInto(results, xff, forwarded, client)).isEqualTo(results.length);
      copyInto(results, longer);
    }
    long fewestByResolve = Long.MAX_VALUE;
    long fewestByCopies = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) { // the quietest run, as in AddressSetTest
      long before = threads.getCurrentThreadAllocatedBytes();
      int resolved = resolveInto(results, xff, forwarded, client);
      fewestByResolve = Math.min(fewestByResolve, threads.getCurrentThreadAllocatedBytes() - before);
      assertThat(resolved).isEqualTo(results.length);
      before = threads.getCurrentThreadAllocatedBytes();
      copyInto(results, longer);
      fewestByCopies = Math.min(fewestByCopies, threads.getCurrentThreadAllocatedBytes() - before);
    }
    assertThat(fewestByCopies)
        .as("bytes of 10,000 copies of %s", client)
        .isGreaterThanOrEqualTo(16L * results.length);
    // Any other object per call would add at least 16 bytes x 10,000 calls; the slack of 1 KiB is for a
    // rare allocation by the JVM itself on this thread.
    assertThat(fewestByResolve)
        .as("bytes allocated by 10,000 resolutions of %s %s", xff, forwarded)
        .isLessThanOrEqualTo(fewestByCopies + 1024);
  }

  /** Resolves into every slot of {@code results}; answers how many resolutions found {@code client}. */
  private static int resolveInto(
      String[] results, List<String> xff, List<String> forwarded, String client) {
    int found = 0;
    for (int i = 0; i < results.length; i++) {
      String resolved = BEHIND_PROXIES.resolve(PROXY, xff, forwarded);
      if (resolved != null && resolved.equals(client)) {
        results[i] = resolved;
        found++;
      }
    }
    return found;
  }

  /** Fills {@code results} with copies of {@code longer} without its first character. */
  private static void copyInto(String[] results, String longer) {
    for (int i = 0; i < results.length; i++) {
      results[i] = longer.substring(1);
    }
  }

  private static int resolveMany(
      ClientAddressResolver ignoring,
      ClientAddressResolver behindProxies,
      List<String> xff,
      List<String> forwarded,
      List<String> none) {
    int peers = 0;
    for (int i = 0; i < 10_000; i++) {
      peers += STRANGER.equals(ignoring.resolve(STRANGER, xff, forwarded)) ? 1 : 0;
      peers += STRANGER.equals(behindProxies.resolve(STRANGER, xff, forwarded)) ? 1 : 0;
      peers += "2001:db8::7".equals(behindProxies.resolve("2001:db8::7", xff, none)) ? 1 : 0;
      peers += PROXY.equals(behindProxies.resolve(PROXY, none, none)) ? 1 : 0;
    }
    return peers;
  }
}
