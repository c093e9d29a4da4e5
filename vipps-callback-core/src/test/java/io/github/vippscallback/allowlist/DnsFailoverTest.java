package io.github.vippscallback.allowlist;

import static io.github.vippscallback.allowlist.DnsExchangeTest.addresses;
import static io.github.vippscallback.allowlist.DnsExchangeTest.answer;
import static io.github.vippscallback.allowlist.DnsExchangeTest.failure;
import static io.github.vippscallback.allowlist.DnsWire.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.HostileDnsServer.Reply;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/** Failover between DNS servers: each is asked at least once, the last to answer first, dead ones later. */
class DnsFailoverTest {

  private static final Name HOST = name("callback-1.vipps.no");
  private static final String GOOD = "93.184.216.1";
  private static final Duration SHORT = Duration.ofMillis(300);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable each : closing) {
      each.close();
    }
  }

  @Test
  void withRetriesZeroADeadFirstServerStillLeavesTheSecondAsked() throws Exception {
    DatagramSocket dead = deadServer();
    HostileDnsServer second = server((query, tcp) -> List.of(Reply.of(answer(query, GOOD))));
    DnsQuerier querier = querier(List.of(address(dead), second.socketAddress()), 0);

    assertThat(addresses(querier.lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS))).containsExactly(GOOD);
    assertThat(second.udpQueries()).isEqualTo(1);
  }

  @Test
  void theServerThatAnsweredLastIsAskedFirst() throws Exception {
    HostileDnsServer silent = server((query, tcp) -> List.of());
    HostileDnsServer second = server((query, tcp) -> List.of(Reply.of(answer(query, GOOD))));
    DnsQuerier querier = querier(List.of(silent.socketAddress(), second.socketAddress()), 0);
    querier.lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS);
    assertThat(silent.udpQueries()).isEqualTo(1);

    for (int i = 0; i < 3; i++) {
      assertThat(addresses(querier.lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS))).containsExactly(GOOD);
    }

    assertThat(silent.udpQueries()).as("the dead server is not asked while the other answers").isEqualTo(1);
    assertThat(second.udpQueries()).isEqualTo(4);
  }

  @Test
  void aServerThatGaveAnAnswerIsAskedFirstNextTimeAlsoWhenNoneTimedOut() throws Exception {
    HostileDnsServer servfail = server((query, tcp) -> List.of(Reply.of(rcode(query, Rcode.SERVFAIL))));
    HostileDnsServer good = server((query, tcp) -> List.of(Reply.of(answer(query, GOOD))));
    DnsQuerier querier = querier(List.of(servfail.socketAddress(), good.socketAddress()), 0);

    for (int i = 0; i < 3; i++) {
      assertThat(addresses(querier.lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS))).containsExactly(GOOD);
    }

    assertThat(servfail.udpQueries()).as("asked by the first lookup only").isEqualTo(1);
    assertThat(good.udpQueries()).isEqualTo(3);
  }

  @Test
  void aServerThatTimedOutIsNotAskedFirstAgainEvenWhenNoOtherAnswered() throws Exception {
    HostileDnsServer silent = server((query, tcp) -> List.of());
    HostileDnsServer servfail1 = server((query, tcp) -> List.of(Reply.of(rcode(query, Rcode.SERVFAIL))));
    HostileDnsServer servfail2 = server((query, tcp) -> List.of(Reply.of(rcode(query, Rcode.SERVFAIL))));
    DnsQuerier querier = querier(
        List.of(silent.socketAddress(), servfail1.socketAddress(), servfail2.socketAddress()), 0);

    String first = failure(querier.lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS));
    String second = failure(querier.lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS));

    assertThat(first).startsWith("timeout asking " + silent.address())
        .contains("SERVFAIL from " + servfail1.address(), "SERVFAIL from " + servfail2.address())
        .endsWith("(3 attempts)");
    assertThat(second).startsWith("SERVFAIL from " + servfail1.address() + "; SERVFAIL from "
        + servfail2.address() + "; timeout asking " + silent.address());
  }

  @Test
  void everyServerIsAskedOnceWhateverTheRetryCountAndRetriesGoRoundAgain() throws Exception {
    HostileDnsServer silent1 = server((query, tcp) -> List.of());
    HostileDnsServer silent2 = server((query, tcp) -> List.of());

    failure(querier(List.of(silent1.socketAddress(), silent2.socketAddress()), 0)
        .lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS));
    assertThat(silent1.udpQueries()).isEqualTo(1);
    assertThat(silent2.udpQueries()).isEqualTo(1);

    failure(querier(List.of(silent1.socketAddress(), silent2.socketAddress()), 3)
        .lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS));
    assertThat(silent1.udpQueries()).isEqualTo(3);
    assertThat(silent2.udpQueries()).isEqualTo(3);
  }

  @Test
  void aSingleServerIsNotAskedAgainAfterAServfail() throws Exception {
    HostileDnsServer servfail = server((query, tcp) -> List.of(Reply.of(rcode(query, Rcode.SERVFAIL))));

    assertThat(failure(querier(List.of(servfail.socketAddress()), 2).lookup(HOST, RecordFamily.A)
        .get(20, TimeUnit.SECONDS))).isEqualTo("SERVFAIL from " + servfail.address());
    assertThat(servfail.udpQueries()).isEqualTo(1);
  }

  private static org.xbill.DNS.Message rcode(org.xbill.DNS.Message query, int rcode) {
    org.xbill.DNS.Message response = HostileDnsServer.responseTo(query);
    response.getHeader().setRcode(rcode);
    return response;
  }

  private DatagramSocket deadServer() throws IOException {
    DatagramSocket dead = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    closing.add(dead);
    return dead;
  }

  private static InetSocketAddress address(DatagramSocket socket) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
  }

  private HostileDnsServer server(HostileDnsServer.Script script) throws IOException {
    HostileDnsServer server = HostileDnsServer.start(script);
    closing.add(server);
    return server;
  }

  private DnsQuerier querier(List<InetSocketAddress> servers, int retries) {
    DnsQuerier querier = new DnsQuerier(servers, SHORT, retries, Runnable::run);
    closing.add(0, querier);
    return querier;
  }
}
