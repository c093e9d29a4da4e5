package io.github.vippscallback.allowlist;

import static io.github.vippscallback.allowlist.DnsWire.ANSWER;
import static io.github.vippscallback.allowlist.DnsWire.a;
import static io.github.vippscallback.allowlist.DnsWire.asked;
import static io.github.vippscallback.allowlist.DnsWire.name;
import static io.github.vippscallback.allowlist.DnsWire.with;
import static io.github.vippscallback.allowlist.HostileDnsServer.responseTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.HostileDnsServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The UDP/TCP exchange against a hostile server on loopback: only the reply that matches the query (id,
 * source address and port, question) is taken; everything else is ignored until the timeout.
 */
class DnsExchangeTest {

  private static final Name HOST = name("callback-1.vipps.no");
  private static final String GOOD = "93.184.216.1";
  private static final String SPOOFED = "93.184.216.66";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable each : closing) {
      each.close();
    }
  }

  @Test
  void aWrongIdReplyFiftyMillisecondsBeforeTheRightOneIsIgnored() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> List.of(
        Reply.of(withId(answer(query, SPOOFED), query.getHeader().getID() ^ 0x5a5a)),
        Reply.after(50, answer(query, GOOD))));

    assertThat(addresses(lookup(dns, Duration.ofSeconds(3)))).containsExactly(GOOD);
  }

  @Test
  void aReplyFromAnotherPortOfTheServerIsIgnored() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> List.of(
        new Reply(answer(query, SPOOFED).toWire(), 0, true),
        Reply.after(50, answer(query, GOOD))));

    assertThat(addresses(lookup(dns, TIMEOUT))).containsExactly(GOOD);
  }

  @Test
  void aReplyToAnotherQuestionIsIgnored() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> {
      Message other = new Message(query.getHeader().getID());
      other.getHeader().setFlag(Flags.QR);
      other.addRecord(Record.newRecord(name("evil.example"), Type.A, DClass.IN), Section.QUESTION);
      other.addRecord(a(HOST, 60, SPOOFED), Section.ANSWER);
      return List.of(Reply.of(other), Reply.after(50, answer(query, GOOD)));
    });

    assertThat(addresses(lookup(dns, TIMEOUT))).containsExactly(GOOD);
  }

  @Test
  void anUnparseableDatagramIsIgnored() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> List.of(
        new Reply("not a DNS message".getBytes(StandardCharsets.US_ASCII), 0, false),
        Reply.after(50, answer(query, GOOD))));

    assertThat(addresses(lookup(dns, TIMEOUT))).containsExactly(GOOD);
  }

  @Test
  void onlyUnmatchedRepliesMakeATimeoutThatSaysWhatWasIgnored() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> List.of(
        Reply.of(withId(answer(query, SPOOFED), query.getHeader().getID() ^ 1))));

    assertThat(failure(lookup(dns, Duration.ofMillis(300))))
        .startsWith("timeout asking " + dns.address())
        .contains("ignored 1 unmatched message(s), the last: message id");
  }

  @Test
  void silenceIsATimeout() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> List.of());

    assertThat(failure(lookup(dns, Duration.ofMillis(300))))
        .isEqualTo("timeout asking " + dns.address() + ": no matching answer over UDP within 300ms");
  }

  @Test
  void aTruncatedUdpAnswerIsAskedAgainOverTcpWithLengthFraming() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> {
      if (tcp) {
        return List.of(Reply.of(answer(query, GOOD)));
      }
      Message truncated = responseTo(query);
      truncated.getHeader().setFlag(Flags.TC);
      return List.of(Reply.of(truncated));
    });

    assertThat(addresses(lookup(dns, TIMEOUT))).containsExactly(GOOD);
    assertThat(dns.tcpQueries()).isEqualTo(1);
  }

  @Test
  void aWrongIdMessageOnTheTcpStreamIsIgnoredAndTheNextOneTaken() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> {
      if (tcp) {
        return List.of(Reply.of(withId(answer(query, SPOOFED), query.getHeader().getID() ^ 7)),
            Reply.of(answer(query, GOOD)));
      }
      Message truncated = responseTo(query);
      truncated.getHeader().setFlag(Flags.TC);
      return List.of(Reply.of(truncated));
    });

    assertThat(addresses(lookup(dns, TIMEOUT))).containsExactly(GOOD);
  }

  @Test
  void aHugeAnswerOverTcpIsReadWhole() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> {
      Message response = responseTo(query);
      if (!tcp) {
        response.getHeader().setFlag(Flags.TC);
        return List.of(Reply.of(response));
      }
      for (int i = 0; i < 3000; i++) {
        response.addRecord(a(HOST, 60, "20." + (i >> 8) + "." + (i & 0xff) + ".1"), Section.ANSWER);
      }
      return List.of(Reply.of(response));
    });

    assertThat(addresses(lookup(dns, TIMEOUT))).hasSize(3000).contains("20.11.183.1");
  }

  @Test
  void aQueryEchoedBackIsAFailureNotAnAnswer() throws Exception {
    HostileDnsServer dns = server((query, tcp) -> List.of(
        Reply.of(with(query, ANSWER, a(asked(query), 60, SPOOFED)))));

    assertThat(failure(lookup(dns, TIMEOUT))).contains("not a response (QR bit clear)");
  }

  @Test
  void eachQueryHasAFreshUnpredictableIdAndSourcePort() throws Exception {
    List<Integer> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
    HostileDnsServer dns = server((query, tcp) -> {
      ids.add(query.getHeader().getID());
      return List.of(Reply.of(answer(query, GOOD)));
    });
    DnsQuerier querier = querier(List.of(dns), TIMEOUT, 0);
    for (int i = 0; i < 8; i++) {
      querier.lookup(HOST, RecordFamily.A).get(10, TimeUnit.SECONDS);
    }

    assertThat(ids).hasSize(8);
    assertThat(ids.stream().distinct().count()).as("a new id per query").isGreaterThan(6);
    long sequential = java.util.stream.IntStream.range(1, ids.size())
        .filter(i -> ids.get(i) == ((ids.get(i - 1) + 1) & 0xffff)).count();
    assertThat(sequential).as("random ids, not a counter").isLessThan(3);
    List<Integer> ports = dns.udpClientPorts();
    assertThat(ports.stream().distinct().count()).as("a new source port per query: %s", ports).isGreaterThan(6);
    long adjacent = java.util.stream.IntStream.range(1, ports.size())
        .filter(i -> Math.abs(ports.get(i) - ports.get(i - 1)) <= 2).count();
    assertThat(adjacent).as("random source ports, not the next free one: %s", ports).isLessThan(3);
  }

  static Message answer(Message query, String address) {
    return with(responseTo(query), ANSWER, a(asked(query), 60, address));
  }

  private static Message withId(Message message, int id) {
    message.getHeader().setID(id & 0xffff);
    return message;
  }

  private HostileDnsServer server(HostileDnsServer.Script script) throws IOException {
    HostileDnsServer server = HostileDnsServer.start(script);
    closing.add(server);
    return server;
  }

  private DnsQuerier querier(List<HostileDnsServer> servers, Duration timeout, int retries) {
    DnsQuerier querier = new DnsQuerier(
        servers.stream().map(HostileDnsServer::socketAddress).toList(), timeout, retries, Runnable::run);
    closing.add(0, querier);
    return querier;
  }

  private LookupOutcome lookup(HostileDnsServer dns, Duration timeout) throws Exception {
    return querier(List.of(dns), timeout, 0).lookup(HOST, RecordFamily.A).get(20, TimeUnit.SECONDS);
  }

  static List<String> addresses(LookupOutcome outcome) {
    assertThat(outcome).isInstanceOf(LookupOutcome.Answered.class);
    return ((LookupOutcome.Answered) outcome).addresses().stream().map(Object::toString).toList();
  }

  static String failure(LookupOutcome outcome) {
    assertThat(outcome).isInstanceOf(LookupOutcome.Failed.class);
    return ((LookupOutcome.Failed) outcome).error();
  }
}
