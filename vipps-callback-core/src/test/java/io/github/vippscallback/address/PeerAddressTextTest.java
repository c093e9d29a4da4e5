package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerAddressTextTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "[0:0:0:0:0:0:0:1]|0:0:0:0:0:0:0:1", // Jetty's getRemoteAddr() for an IPv6 peer
      "[::1]|::1",
      "[2001:DB8::1]|2001:DB8::1",
      "[::ffff:192.0.2.1]|::ffff:192.0.2.1",
      "[2001:db8:0:0:0:0:0:7]|2001:db8:0:0:0:0:0:7"})
  void unbracketedGivesTheLiteralInsideOneBracketedIpv6Literal(String peer, String literal) {
    assertThat(PeerAddressText.unbracketed(peer)).isEqualTo(literal);
    assertThat(PeerAddressText.isLiteral(PeerAddressText.unbracketed(peer))).isTrue();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {
      "[127.0.0.1]", "[[::1]]", "[::1]]", "[[::1]", "[::1]:8080", "x[::1]", "[::1]x", " [::1]", "[::1] ",
      "[ ::1]", "[::1 ]", "[fe80::1%eth0]", "[fe80::1%25eth0]", "[]", "[:]", "[::]1", "[localhost]",
      "[::1", "::1]", "[1::2::3]", "[::g]", "[]::1"})
  void unbracketedLeavesEverythingElseAsItIsSoStrictParsingRefusesIt(String peer) {
    assertThat(PeerAddressText.unbracketed(peer)).isSameAs(peer);
    assertThat(PeerAddressText.isLiteral(peer)).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"127.0.0.1", "0:0:0:0:0:0:0:1", "::1", "192.0.2.10", "2001:db8::1"})
  void unbracketedReturnsAStrictLiteralItselfWithoutCopying(String peer) {
    assertThat(PeerAddressText.unbracketed(peer)).isSameAs(peer);
    assertThat(PeerAddressText.isLiteral(peer)).isTrue();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"", "localhost", "127.0.0.1:80", "1", "0x7f.1", "::1%lo", " 127.0.0.1"})
  void isLiteralRefusesWhatIsNotAStrictLiteral(String peer) {
    assertThat(PeerAddressText.isLiteral(peer)).isFalse();
    assertThat(PeerAddressText.unbracketed(peer)).isSameAs(peer);
  }
}
