package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.address.IpAddress;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** How a DNS response becomes an outcome: only records that answer the question count. */
// A broken loop check would otherwise hang, not fail.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DnsAnswerClassifierTest {

  private static final String SERVER = "10.0.0.53:53";
  private final Name host = name("callback-1.vipps.no.");

  @Test
  void takesTheAddressesOfTheAskedNameAndTheirShortestTtl() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(a(host, 300, "192.0.2.1"), Section.ANSWER);
    response.addRecord(a(host, 60, "192.0.2.2"), Section.ANSWER);

    LookupOutcome.Answered outcome = answered(DnsAnswerClassifier.classify(response, host, RecordFamily.A, SERVER));

    assertThat(outcome.addresses()).extracting(Object::toString).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(outcome.ttlSeconds()).isEqualTo(60);
  }

  @Test
  void followsACnameChainAndCountsItsTtl() throws IOException {
    Name alias = name("edge.example.net.");
    Message response = response(host, Type.AAAA, Rcode.NOERROR);
    response.addRecord(new CNAMERecord(host, DClass.IN, 30, alias), Section.ANSWER);
    response.addRecord(aaaa(alias, 300, "2001:db8::1"), Section.ANSWER);

    LookupOutcome.Answered outcome = answered(DnsAnswerClassifier.classify(response, host, RecordFamily.AAAA, SERVER));

    assertThat(outcome.addresses()).extracting(Object::toString).containsExactly("2001:db8::1");
    assertThat(outcome.ttlSeconds()).isEqualTo(30);
  }

  @Test
  void anAnswerSectionHoldingOnlyOtherNamesIsAFailureNotNoRecords() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(a(name("evil.example."), 300, "203.0.113.66"), Section.ANSWER);

    assertThat(failed(response, RecordFamily.A))
        .contains("only records of other names (evil.example.)").contains(SERVER);
  }

  @Test
  void addressesOfOtherNamesBesideTheChainAreNeverTaken() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(a(name("evil.example."), 300, "203.0.113.66"), Section.ANSWER);
    response.addRecord(a(host, 300, "192.0.2.1"), Section.ANSWER);

    assertThat(answered(DnsAnswerClassifier.classify(response, host, RecordFamily.A, SERVER)).addresses())
        .extracting(Object::toString).containsExactly("192.0.2.1");
  }

  @Test
  void recordsOfTheOtherTypeAreNotAnswersAndWithoutSoaAFailure() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(aaaa(host, 300, "2001:db8::1"), Section.ANSWER);

    assertThat(failed(response, RecordFamily.A)).contains("not an RFC 2308 NODATA");
    response.addRecord(soa(120, 45), Section.AUTHORITY);
    assertThat(answered(DnsAnswerClassifier.classify(response, host, RecordFamily.A, SERVER)).addresses()).isEmpty();
  }

  @Test
  void nxdomainIsAnAnswerWithNoAddressesValidForTheSoaNegativeTtl() throws IOException {
    Message response = response(host, Type.A, Rcode.NXDOMAIN);
    response.addRecord(soa(120, 45), Section.AUTHORITY);

    LookupOutcome.Answered outcome = answered(DnsAnswerClassifier.classify(response, host, RecordFamily.A, SERVER));

    assertThat(outcome.addresses()).isEmpty();
    assertThat(outcome.ttlSeconds()).isEqualTo(45);
    assertThat(outcome.summary()).isEqualTo("NXDOMAIN from " + SERVER);
  }

  @Test
  void noErrorWithAnEmptyAnswerAndNoSoaIsAFailureNotNoRecords() throws IOException {
    Message response = response(host, Type.AAAA, Rcode.NOERROR);

    assertThat(failed(response, RecordFamily.AAAA))
        .isEqualTo("malformed answer from " + SERVER + ": NOERROR without AAAA records for " + host
            + " and without an SOA record in the authority section (not an RFC 2308 NODATA)");
  }

  @Test
  void noDataWithAnSoaIsAnAnswerWithNoAddresses() throws IOException {
    Message response = response(host, Type.AAAA, Rcode.NOERROR);
    response.addRecord(soa(120, 45), Section.AUTHORITY);

    LookupOutcome.Answered outcome = answered(DnsAnswerClassifier.classify(response, host, RecordFamily.AAAA, SERVER));

    assertThat(outcome.addresses()).isEmpty();
    assertThat(outcome.ttlSeconds()).isEqualTo(45);
  }

  @Test
  void anSoaOfAZoneThatDoesNotHoldTheNameMakesNoNodata() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(new SOARecord(name("example.org."), DClass.IN, 60, name("ns.example.org."),
        name("hostmaster.example.org."), 1, 3600, 600, 86400, 60), Section.AUTHORITY);

    assertThat(failed(response, RecordFamily.A)).contains("not an RFC 2308 NODATA");
  }

  @Test
  void aCnameLoopIsAFailure() throws IOException {
    Name alias = name("loop.example.net.");
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(new CNAMERecord(host, DClass.IN, 60, alias), Section.ANSWER);
    response.addRecord(new CNAMERecord(alias, DClass.IN, 60, host), Section.ANSWER);
    response.addRecord(soa(120, 45), Section.AUTHORITY);

    assertThat(failed(response, RecordFamily.A)).contains("CNAME loop (" + host + " -> " + alias + " -> " + host);
  }

  @Test
  void aCnameChainOfEightIsFollowedAndOfNineIsAFailure() throws IOException {
    assertThat(answered(DnsAnswerClassifier.classify(chain(8), host, RecordFamily.A, SERVER)).addresses())
        .extracting(Object::toString).containsExactly("192.0.2.9");
    assertThat(failed(chain(9), RecordFamily.A)).contains("CNAME chain longer than 8");
  }

  @Test
  void aDnameWithoutItsSynthesizedCnameIsAFailure() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(new DNAMERecord(name("vipps.no."), DClass.IN, 60, name("elsewhere.example.")),
        Section.ANSWER);
    response.addRecord(a(name("callback-1.elsewhere.example."), 60, "192.0.2.7"), Section.ANSWER);

    assertThat(failed(response, RecordFamily.A)).contains("DNAME vipps.no. -> elsewhere.example. without the CNAME");
  }

  @Test
  void aDnameWithItsSynthesizedCnameIsFollowed() throws IOException {
    Name target = name("callback-1.elsewhere.example.");
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(new DNAMERecord(name("vipps.no."), DClass.IN, 60, name("elsewhere.example.")),
        Section.ANSWER);
    response.addRecord(new CNAMERecord(host, DClass.IN, 60, target), Section.ANSWER);
    response.addRecord(a(target, 60, "192.0.2.7"), Section.ANSWER);

    assertThat(answered(DnsAnswerClassifier.classify(response, host, RecordFamily.A, SERVER)).addresses())
        .extracting(Object::toString).containsExactly("192.0.2.7");
  }

  @Test
  void addressesOnlyInTheAuthorityOrAdditionalSectionAreNeverTaken() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(a(host, 60, "192.0.2.7"), Section.ADDITIONAL);
    response.addRecord(a(host, 60, "192.0.2.8"), Section.AUTHORITY);

    assertThat(failed(response, RecordFamily.A)).contains("not an RFC 2308 NODATA");
  }

  @Test
  void aQueryEchoedBackWithQrClearIsAFailureAndItsAddressesAreNotTaken() throws IOException {
    Message echo = Message.newQuery(Record.newRecord(host, Type.A, DClass.IN));
    echo.addRecord(a(host, 60, "192.0.2.7"), Section.ANSWER);

    assertThat(failed(echo, RecordFamily.A)).contains("not a response (QR bit clear)");
  }

  @Test
  void anOpcodeOtherThanQueryIsAFailure() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.getHeader().setOpcode(Opcode.NOTIFY);
    response.addRecord(a(host, 60, "192.0.2.7"), Section.ANSWER);

    assertThat(failed(response, RecordFamily.A)).contains("opcode NOTIFY instead of QUERY");
  }

  @Test
  void aRecordOrQuestionOfAnotherClassIsAFailure() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(new ARecord(host, DClass.CH, 60, IpAddress.parse("192.0.2.7").toInetAddress()),
        Section.ANSWER);
    assertThat(failed(response, RecordFamily.A)).contains("class CH instead of IN");

    Message chaos = Message.newQuery(Record.newRecord(host, Type.A, DClass.CH));
    chaos.getHeader().setFlag(Flags.QR);
    assertThat(failed(chaos, RecordFamily.A)).contains("question class CH instead of IN");
  }

  @Test
  void anAaaaAnswerNeverYieldsAnIpv4Address() throws IOException {
    Message response = response(host, Type.AAAA, Rcode.NOERROR);
    response.addRecord(new AAAARecord(host, DClass.IN, 60, mapped("127.0.0.1")), Section.ANSWER);
    assertThat(failed(response, RecordFamily.AAAA)).contains("IPv4-mapped");

    response.addRecord(aaaa(host, 60, "2001:db8::1"), Section.ANSWER);
    assertThat(answered(DnsAnswerClassifier.classify(response, host, RecordFamily.AAAA, SERVER)).addresses())
        .extracting(Object::toString).containsExactly("2001:db8::1");
  }

  @Test
  void aNameWithACnameBesideAddressesIsAFailure() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(new CNAMERecord(host, DClass.IN, 60, name("edge.example.net.")), Section.ANSWER);
    response.addRecord(a(host, 60, "192.0.2.7"), Section.ANSWER);

    assertThat(failed(response, RecordFamily.A)).contains("has a CNAME and A records");
  }

  @Test
  void servfailRefusedAndOtherErrorsAreFailuresNamingTheServer() throws IOException {
    assertThat(DnsAnswerClassifier.classify(response(host, Type.A, Rcode.SERVFAIL), host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("SERVFAIL from " + SERVER));
    assertThat(DnsAnswerClassifier.classify(response(host, Type.A, Rcode.REFUSED), host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("REFUSED from " + SERVER));
    assertThat(DnsAnswerClassifier.classify(response(host, Type.A, Rcode.FORMERR), host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("FORMERR from " + SERVER));
  }

  @Test
  void anAnswerToAnotherQuestionIsAFailure() throws IOException {
    Message response = response(name("other.vipps.no."), Type.A, Rcode.NOERROR);
    response.addRecord(a(host, 300, "192.0.2.1"), Section.ANSWER);

    assertThat(DnsAnswerClassifier.classify(response, host, RecordFamily.A, SERVER))
        .isInstanceOf(LookupOutcome.Failed.class);
    assertThat(DnsAnswerClassifier.classify(response(host, Type.AAAA, Rcode.NOERROR), host, RecordFamily.A, SERVER))
        .isInstanceOf(LookupOutcome.Failed.class);
  }

  @Test
  void aStillTruncatedAnswerIsAFailure() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.TC);
    response.addRecord(a(host, 300, "192.0.2.1"), Section.ANSWER);

    assertThat(DnsAnswerClassifier.classify(response, host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("truncated answer from " + SERVER));
  }

  private String failed(Message response, RecordFamily family) {
    LookupOutcome outcome = DnsAnswerClassifier.classify(response, host, family, SERVER);
    assertThat(outcome).isInstanceOf(LookupOutcome.Failed.class);
    return ((LookupOutcome.Failed) outcome).error();
  }

  /** host -> c1 -> ... -> c{hops} with an A record at the end. */
  private Message chain(int hops) {
    Message response = response(host, Type.A, Rcode.NOERROR);
    Name current = host;
    for (int hop = 1; hop <= hops; hop++) {
      Name next = name("c" + hop + ".example.net.");
      response.addRecord(new CNAMERecord(current, DClass.IN, 60, next), Section.ANSWER);
      current = next;
    }
    response.addRecord(a(current, 60, "192.0.2.9"), Section.ANSWER);
    return response;
  }

  private static java.net.InetAddress mapped(String ipv4) throws IOException {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(IpAddress.parse(ipv4).toBytes(), 0, bytes, 12, 4);
    return java.net.Inet6Address.getByAddress(null, bytes, -1);
  }

  private static LookupOutcome.Answered answered(LookupOutcome outcome) {
    assertThat(outcome).isInstanceOf(LookupOutcome.Answered.class);
    return (LookupOutcome.Answered) outcome;
  }

  private static Message response(Name name, int type, int rcode) {
    Message response = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(rcode);
    return response;
  }

  private static ARecord a(Name name, long ttl, String address) {
    return new ARecord(name, DClass.IN, ttl, IpAddress.parse(address).toInetAddress());
  }

  private static AAAARecord aaaa(Name name, long ttl, String address) {
    return new AAAARecord(name, DClass.IN, ttl, IpAddress.parse(address).toInetAddress());
  }

  private static SOARecord soa(long ttl, long minimum) throws IOException {
    return new SOARecord(name("vipps.no."), DClass.IN, ttl, name("ns.vipps.no."), name("hostmaster.vipps.no."),
        1, 3600, 600, 86400, minimum);
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

}
