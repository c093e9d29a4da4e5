package io.github.vippscallback.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsServer.Behaviour;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class LoopbackDnsServerTest {

  private LoopbackDnsServer dns;

  @BeforeEach
  void startServer() throws IOException {
    dns = LoopbackDnsServer.start();
  }

  @AfterEach
  void stopServer() {
    dns.close();
  }

  @Test
  void listensOnOneLoopbackPortForBothUdpAndTcp() {
    assertThat(dns.port()).isPositive();
    assertThat(dns.address()).isEqualTo("127.0.0.1:" + dns.port());
    InetSocketAddress taken = new InetSocketAddress(loopback(), dns.port());
    assertThatThrownBy(() -> new DatagramSocket(taken).close()).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> new ServerSocket(dns.port(), 1, taken.getAddress()).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void answersAWithTheIpv4AddressesAndAaaaWithTheIpv6Addresses() throws IOException {
    dns.answer("callback-1.vipps.no", 42, "192.0.2.1", "2001:db8::1", "192.0.2.2");

    Message a = resolver(false).send(query("callback-1.vipps.no.", Type.A));
    Message aaaa = resolver(false).send(query("callback-1.vipps.no.", Type.AAAA));

    assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.getHeader().getID()).isNotNegative();
    assertThat(rdata(a)).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(a.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(42));
    assertThat(rdata(aaaa)).containsExactly("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void answersNoErrorWithoutDataAndAnSoaWhenTheNameHasNoAddressOfTheAskedType() throws IOException {
    dns.answer("v4only.example", 7, "192.0.2.1");

    Message aaaa = resolver(false).send(query("v4only.example.", Type.AAAA));

    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
    assertThat(negativeTtl(aaaa)).isEqualTo(7);
  }

  @Test
  void answersNxdomainWithAnSoaForNamesNotScripted() throws IOException {
    Message response = resolver(false).send(query("nobody.example.", Type.A));

    assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(response.getSection(Section.ANSWER)).isEmpty();
    assertThat(negativeTtl(response)).isEqualTo(LoopbackDnsServer.DEFAULT_NEGATIVE_TTL);
  }

  @Test
  void matchesNamesIgnoringCaseAndTrailingDot() throws IOException {
    dns.answer("Callback-2.VIPPS.no.", 60, "192.0.2.9");

    Message response = resolver(false).send(query("CALLBACK-2.vipps.NO.", Type.A));

    assertThat(rdata(response)).containsExactly("192.0.2.9");
    assertThat(dns.queryCount("callback-2.vipps.no")).isEqualTo(1);
    assertThat(dns.queryCount("CALLBACK-2.VIPPS.NO.")).isEqualTo(1);
  }

  @Test
  void answersNxdomainServfailAndRefusedWhenTold() throws IOException {
    dns.answer("a.example", 30, "192.0.2.1").behave("a.example", Behaviour.NXDOMAIN);
    dns.behave("b.example", Behaviour.SERVFAIL);
    dns.behave("c.example", Behaviour.REFUSED);

    Message nx = resolver(false).send(query("a.example.", Type.A));
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.ANSWER)).isEmpty();
    assertThat(negativeTtl(nx)).isEqualTo(30);
    assertThat(resolver(false).send(query("b.example.", Type.A)).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(resolver(false).send(query("c.example.", Type.A)).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void behaveKeepsTheScriptedRecordsSoAnswerCanBeRestored() throws IOException {
    dns.answer("flappy.example", 60, "192.0.2.5");
    dns.behave("flappy.example", Behaviour.SERVFAIL);
    assertThat(resolver(false).send(query("flappy.example.", Type.A)).getRcode()).isEqualTo(Rcode.SERVFAIL);

    dns.behave("flappy.example", Behaviour.ANSWER);

    assertThat(rdata(resolver(false).send(query("flappy.example.", Type.A)))).containsExactly("192.0.2.5");
  }

  @Test
  void aBehaviourForOneRecordTypeLeavesTheOtherTypesAnswered() throws IOException {
    dns.answer("half.example", 60, "192.0.2.1", "2001:db8::1").behave("half.example", "AAAA", Behaviour.SERVFAIL);

    assertThat(rdata(resolver(false).send(query("half.example.", Type.A)))).containsExactly("192.0.2.1");
    assertThat(resolver(false).send(query("half.example.", Type.AAAA)).getRcode()).isEqualTo(Rcode.SERVFAIL);

    dns.behave("half.example", Behaviour.ANSWER);

    assertThat(rdata(resolver(false).send(query("half.example.", Type.AAAA))))
        .containsExactly("2001:db8:0:0:0:0:0:1");
    assertThatThrownBy(() -> dns.behave("half.example", "NOPE", Behaviour.DROP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'NOPE' is not a DNS record type");
  }

  @Test
  void dropNeverAnswersSoTheClientTimesOut() {
    dns.answer("silent.example", 60, "192.0.2.1").behave("silent.example", Behaviour.DROP);
    SimpleResolver resolver = resolver(false);
    resolver.setTimeout(Duration.ofMillis(300));

    assertThatThrownBy(() -> resolver.send(query("silent.example.", Type.A)))
        .isInstanceOf(IOException.class);
    assertThat(dns.queryCount("silent.example")).isEqualTo(1);
  }

  @Test
  void truncateUdpSetsTheTcBitOverUdpAndAnswersInFullOverTcp() throws IOException {
    dns.answer("big.example", 60, "192.0.2.1", "192.0.2.2").behave("big.example", Behaviour.TRUNCATE_UDP);

    SimpleResolver udpOnly = resolver(false);
    udpOnly.setIgnoreTruncation(true);
    Message truncated = udpOnly.send(query("big.example.", Type.A));
    assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
    assertThat(dns.tcpQueryCount("big.example")).isZero();

    Message retried = resolver(false).send(query("big.example.", Type.A));

    assertThat(retried.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(rdata(retried)).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(dns.tcpQueryCount("big.example")).isEqualTo(1);
    assertThat(dns.queryCount("big.example")).isEqualTo(3);
  }

  @Test
  void answersOverTcpToo() throws IOException {
    dns.answer("tcp.example", 60, "2001:db8::7");

    Message response = resolver(true).send(query("tcp.example.", Type.AAAA));

    assertThat(rdata(response)).containsExactly("2001:db8:0:0:0:0:0:7");
    assertThat(dns.tcpQueryCount("tcp.example")).isEqualTo(1);
  }

  @Test
  void wrongIdAnswerIsNotAcceptedByTheClient() {
    dns.answer("spoofed.example", 60, "192.0.2.66").behave("spoofed.example", Behaviour.WRONG_ID);
    SimpleResolver resolver = resolver(false);
    resolver.setTimeout(Duration.ofMillis(500));

    assertThatThrownBy(() -> resolver.send(query("spoofed.example.", Type.A)))
        .isInstanceOf(IOException.class);
    assertThat(dns.queryCount("spoofed.example")).isPositive();
  }

  @Test
  void countsQueriesPerNameOverBothTransports() throws IOException {
    dns.answer("counted.example", 60, "192.0.2.1");

    resolver(false).send(query("counted.example.", Type.A));
    resolver(false).send(query("counted.example.", Type.AAAA));
    resolver(true).send(query("counted.example.", Type.A));

    assertThat(dns.queryCount("counted.example")).isEqualTo(3);
    assertThat(dns.tcpQueryCount("counted.example")).isEqualTo(1);
    assertThat(dns.queryCount("other.example")).isZero();
  }

  @Test
  void heldAnswersAreSentOnlyOnRelease() throws Exception {
    dns.answer("held.example", 60, "192.0.2.1", "2001:db8::1").holdAnswers();
    SimpleResolver resolver = resolver(false);
    resolver.setTimeout(Duration.ofSeconds(30));

    CompletableFuture<Message> a = resolver.sendAsync(query("held.example.", Type.A)).toCompletableFuture();
    CompletableFuture<Message> aaaa =
        resolver.sendAsync(query("held.example.", Type.AAAA)).toCompletableFuture();
    await().atMost(Duration.ofSeconds(10)).until(() -> dns.queryCount("held.example") == 2);
    assertThat(a).isNotDone();
    assertThat(aaaa).isNotDone();

    dns.releaseAnswers();

    assertThat(rdata(a.get(10, TimeUnit.SECONDS))).containsExactly("192.0.2.1");
    assertThat(rdata(aaaa.get(10, TimeUnit.SECONDS))).containsExactly("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void answerRejectsAnythingButAddressLiterals() {
    assertThatThrownBy(() -> dns.answer("x.example", 60, "localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'localhost' is not an IP address literal");
    assertThatThrownBy(() -> dns.answer("x.example", -1, "192.0.2.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
  }

  @Test
  void closeStopsAnswering() {
    dns.answer("gone.example", 60, "192.0.2.1");
    dns.close();
    SimpleResolver resolver = resolver(false);
    resolver.setTimeout(Duration.ofMillis(300));

    assertThatThrownBy(() -> resolver.send(query("gone.example.", Type.A))).isInstanceOf(IOException.class);
  }

  @Test
  void closeReturnsOnlyOnceTheTcpPortRefusesConnections() {
    dns.close();

    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(loopback(), dns.port()), 5_000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  private SimpleResolver resolver(boolean tcp) {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(loopback(), dns.port()));
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(5));
    return resolver;
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  private static List<String> rdata(Message response) {
    return response.getSection(Section.ANSWER).stream()
        .map(Record::rdataToString)
        .collect(Collectors.toList());
  }

  private static long negativeTtl(Message response) {
    List<Record> authority = response.getSection(Section.AUTHORITY);
    assertThat(authority).hasSize(1).first().isInstanceOf(SOARecord.class);
    SOARecord soa = (SOARecord) authority.get(0);
    return Math.min(soa.getTTL(), soa.getMinimum());
  }
}
