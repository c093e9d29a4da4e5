package io.github.vippscallback.allowlist;

import static io.github.vippscallback.allowlist.DnsWire.ADDITIONAL;
import static io.github.vippscallback.allowlist.DnsWire.ANSWER;
import static io.github.vippscallback.allowlist.DnsWire.AUTHORITY;
import static io.github.vippscallback.allowlist.DnsWire.a;
import static io.github.vippscallback.allowlist.DnsWire.asked;
import static io.github.vippscallback.allowlist.DnsWire.name;
import static io.github.vippscallback.allowlist.DnsWire.soa;
import static io.github.vippscallback.allowlist.DnsWire.with;
import static io.github.vippscallback.allowlist.HostileDnsServer.responseTo;
import static io.github.vippscallback.allowlist.VippsAllowlistDnsTest.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.address.IpAddress;
import ch.qos.logback.classic.Level;
import io.github.vippscallback.allowlist.HostileDnsServer.Reply;
import io.github.vippscallback.testfixtures.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A hostile DNS server against a whole allowlist: a malformed answer is a failure that keeps the last known
 * good addresses, never "no records"; only NXDOMAIN and NODATA with an SOA remove addresses, and the
 * ERROR about an empty allowlist says which happened.
 */
class VippsAllowlistHostileDnsTest {

  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final String MT1 = "callback-mt-1.vipps.no";
  private static final String GOOD_V4 = "93.184.216.1";
  private static final String GOOD_V6 = "2a00:1450:4001::1";
  private static final String EVIL = "93.184.216.66";

  private final FakeTicker ticker = new FakeTicker();
  private HostileDnsServer dns;
  private final List<VippsAllowlist> allowlists = new ArrayList<>();
  private LogCapture logs;

  @BeforeEach
  void start() throws IOException {
    dns = HostileDnsServer.start(VippsAllowlistHostileDnsTest::good);
    logs = LogCapture.of(VippsAllowlist.class);
  }

  @AfterEach
  void stop() {
    allowlists.forEach(VippsAllowlist::close);
    dns.close();
    logs.close();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("CNAME loop", (HostileDnsServer.Script) (query, tcp) -> {
          Name alias = name("loop.example.net");
          return List.of(Reply.of(with(responseTo(query), ANSWER,
              new CNAMERecord(asked(query), DClass.IN, 60, alias), new CNAMERecord(alias, DClass.IN, 60, asked(query)))));
        }, "CNAME loop"),
        Arguments.of("chain of 9 CNAMEs", (HostileDnsServer.Script) (query, tcp) -> {
          Message response = responseTo(query);
          Name current = asked(query);
          for (int hop = 1; hop <= 9; hop++) {
            Name next = name("c" + hop + ".example.net");
            with(response, ANSWER, new CNAMERecord(current, DClass.IN, 60, next));
            current = next;
          }
          return List.of(Reply.of(with(response, ANSWER, a(current, 60, EVIL))));
        }, "CNAME chain longer than 8"),
        Arguments.of("only other owners", (HostileDnsServer.Script) (query, tcp) ->
            List.of(Reply.of(with(responseTo(query), ANSWER, a(name("evil.example"), 60, EVIL)))),
            "only records of other names"),
        Arguments.of("DNAME without CNAME", (HostileDnsServer.Script) (query, tcp) ->
            List.of(Reply.of(with(responseTo(query), ANSWER,
                new DNAMERecord(name("vipps.no"), DClass.IN, 60, name("evil.example")),
                a(name("callback-mt-1.evil.example"), 60, EVIL)))),
            "without the CNAME it synthesizes"),
        Arguments.of("addresses only in additional/authority", (HostileDnsServer.Script) (query, tcp) ->
            List.of(Reply.of(with(with(responseTo(query), ADDITIONAL, a(asked(query), 60, EVIL)), AUTHORITY,
                a(asked(query), 60, EVIL)))),
            "not an RFC 2308 NODATA"),
        Arguments.of("NOERROR empty without SOA", (HostileDnsServer.Script) (query, tcp) ->
            List.of(Reply.of(responseTo(query))), "not an RFC 2308 NODATA"),
        Arguments.of("QR=0 echo", (HostileDnsServer.Script) (query, tcp) ->
            List.of(Reply.of(with(query, ANSWER, a(asked(query), 60, EVIL)))), "not a response (QR bit clear)"),
        Arguments.of("opcode NOTIFY", (HostileDnsServer.Script) (query, tcp) -> {
          Message response = goodMessage(query);
          response.getHeader().setOpcode(Opcode.NOTIFY);
          return List.of(Reply.of(response));
        }, "opcode NOTIFY instead of QUERY"),
        Arguments.of("records of class CH", (HostileDnsServer.Script) (query, tcp) ->
            List.of(Reply.of(with(responseTo(query), ANSWER, new org.xbill.DNS.ARecord(asked(query), DClass.CH, 60,
                IpAddress.parse(EVIL).toInetAddress())))), "class CH instead of IN"),
        Arguments.of("truncated over TCP too", (HostileDnsServer.Script) (query, tcp) -> {
          Message response = goodMessage(query);
          response.getHeader().setFlag(Flags.TC);
          return List.of(Reply.of(response));
        }, "truncated answer"),
        Arguments.of("wrong ids only", (HostileDnsServer.Script) (query, tcp) -> {
          Message response = goodMessage(query);
          response.getHeader().setID(query.getHeader().getID() ^ 0x0f0f);
          return List.of(Reply.of(response));
        }, "message id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedAnswerIsAFailureThatKeepsTheLastKnownGoodAddresses(
      String what, HostileDnsServer.Script script, String reason) throws InterruptedException {
    VippsAllowlist allowlist = started();
    assertThat(allowlist.decide(GOOD_V4)).isEqualTo(AllowlistDecision.ALLOWED);

    dns.script(script);
    allowlist.refreshNow();

    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).stale());
    HostStatus status = host(allowlist, MT1);
    assertThat(status.lastError()).contains(reason).contains(dns.address());
    assertThat(status.addresses()).extracting(Object::toString).containsExactly(GOOD_V4, GOOD_V6);
    assertThat(allowlist.decide(GOOD_V4)).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide(EVIL)).isEqualTo(AllowlistDecision.DENIED);
    assertThat(logs.messages(Level.ERROR)).isEmpty();
  }

  @Test
  void aWrongIdReplyBeforeTheGenuineOneDoesNotStopTheAllowlistBecomingReady() throws InterruptedException {
    dns.script((query, tcp) -> {
      Message spoofed = with(responseTo(query), ANSWER, a(asked(query), 60, EVIL));
      spoofed.getHeader().setID(query.getHeader().getID() ^ 0x4242);
      return Stream.concat(Stream.of(Reply.of(spoofed)),
          good(query, tcp).stream().map(reply -> new Reply(reply.wire(), 50, false))).toList();
    });

    VippsAllowlist allowlist = started();

    assertThat(allowlist.decide(GOOD_V4)).isEqualTo(AllowlistDecision.ALLOWED);
    assertThat(allowlist.decide(EVIL)).isEqualTo(AllowlistDecision.DENIED);
    assertThat(host(allowlist, MT1).lastError()).isNull();
  }

  @Test
  void nxdomainRemovesTheAddressesAndTheErrorSaysDnsHasNoneNotThatTheyExpired() throws InterruptedException {
    VippsAllowlist allowlist = started();

    dns.script((query, tcp) -> {
      Message response = responseTo(query);
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return List.of(Reply.of(with(response, AUTHORITY, soa(name("vipps.no"), 60))));
    });
    allowlist.refreshNow();

    await().atMost(GENEROUS).until(() -> !allowlist.status().ready());
    assertThat(logs.messages(Level.ERROR)).singleElement().asString()
        .contains("DNS says none of its 1 hosts has an address (NXDOMAIN or NODATA)")
        .doesNotContain("expired");
  }

  @Test
  void theErrorSaysTheAddressesExpiredOnlyWhenMaxStalePassed() throws InterruptedException {
    VippsAllowlist allowlist = started();

    dns.script((query, tcp) -> List.of(Reply.of(responseTo(query))));
    allowlist.refreshNow();
    await().atMost(GENEROUS).until(() -> host(allowlist, MT1).stale());
    assertThat(allowlist.status().ready()).isTrue();
    ticker.advance(Duration.ofHours(2));

    await().atMost(GENEROUS).until(() -> !allowlist.status().ready());
    assertThat(logs.messages(Level.ERROR)).last().asString()
        .contains("the last known good addresses expired (2 host record set(s) expired");
  }

  private VippsAllowlist started() throws InterruptedException {
    VippsAllowlist started = VippsAllowlist.builder(VippsEnvironment.TEST)
        .hosts(List.of(MT1))
        .dnsServers(List.of(dns.address()))
        .queryTimeout(Duration.ofMillis(500))
        .retries(0)
        .minTtl(Duration.ofSeconds(1))
        .maxTtl(Duration.ofSeconds(1))
        .maxStale(Duration.ofHours(1))
        .ticker(ticker)
        .build();
    allowlists.add(started);
    started.start();
    assertThat(started.awaitFirstResolution(GENEROUS)).isTrue();
    return started;
  }

  private static List<Reply> good(Message query, boolean tcp) {
    return List.of(Reply.of(goodMessage(query)));
  }

  private static Message goodMessage(Message query) {
    Message response = responseTo(query);
    if (query.getQuestion() != null && query.getQuestion().getType() == Type.AAAA) {
      return with(response, ANSWER,
          new AAAARecord(asked(query), DClass.IN, 60, IpAddress.parse(GOOD_V6).toInetAddress()));
    }
    return with(response, ANSWER, a(asked(query), 60, GOOD_V4));
  }
}
