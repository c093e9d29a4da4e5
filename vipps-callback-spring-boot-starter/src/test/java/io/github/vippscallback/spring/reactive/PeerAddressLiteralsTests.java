package io.github.vippscallback.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class PeerAddressLiteralsTests {

  @Test
  void aConnectionsAddressIsItsLiteralAndTheSameStringOnEveryLaterRequest() throws UnknownHostException {
    InetSocketAddress connection = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 40000);

    String first = PeerAddressLiterals.of(connection);

    assertThat(first).isEqualTo("127.0.0.2");
    assertThat(PeerAddressLiterals.of(connection)).isSameAs(first);
  }

  @Test
  void anotherConnectionInTheSameSlotGetsItsOwnLiteral() throws UnknownHostException {
    for (int i = 1; i <= 200; i++) {
      InetSocketAddress connection =
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}), 1);
      assertThat(PeerAddressLiterals.of(connection)).isEqualTo("10.0." + (i >> 8) + "." + (i & 0xff));
    }
  }

  @Test
  void ipv6PeerIsItsLiteral() throws UnknownHostException {
    InetSocketAddress connection = new InetSocketAddress(InetAddress.getByName("::1"), 1);

    assertThat(PeerAddressLiterals.of(connection)).isEqualTo("0:0:0:0:0:0:0:1");
  }

  @Test
  void unresolvedAddressIsItsHostStringForTheGuardToReadStrictly() {
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("127.0.0.2", 0))).isEqualTo("127.0.0.2");
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("2001:db8::1", 0))).isEqualTo("2001:db8::1");
    // Not literals: handed on as they are, so the guard refuses them as unreadable peers, naming the text.
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("callback-1.vipps.no", 0)))
        .isEqualTo("callback-1.vipps.no");
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("0127.0.0.2", 0))).isEqualTo("0127.0.0.2");
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("unknown", 0))).isEqualTo("unknown");
  }

  @Test
  void unresolvedBracketedIpv6LiteralIsTheLiteralInside() {
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("[2001:db8::1]", 0))).isEqualTo("2001:db8::1");
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("[127.0.0.2]", 0))).isEqualTo("[127.0.0.2]");
    assertThat(PeerAddressLiterals.of(InetSocketAddress.createUnresolved("[::1]:80", 0))).isEqualTo("[::1]:80");
  }

  @Test
  void noRemoteAddressIsNoLiteral() {
    assertThat(PeerAddressLiterals.of(null)).isNull();
  }
}
