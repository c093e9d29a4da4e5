package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** How a DNS response becomes an outcome: only records that answer the question count. */
class DnsQuerierTest {

  private static final String SERVER = "10.0.0.53:53";
  private final Name host = name("callback-1.vipps.no.");

  @Test
  void takesTheAddressesOfTheAskedNameAndTheirShortestTtl() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(a(host, 300, "192.0.2.1"), Section.ANSWER);
    response.addRecord(a(host, 60, "192.0.2.2"), Section.ANSWER);

    LookupOutcome.Answered outcome = answered(DnsQuerier.classify(response, host, RecordFamily.A, SERVER));

    assertThat(outcome.addresses()).extracting(Object::toString).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(outcome.ttlSeconds()).isEqualTo(60);
  }

  @Test
  void followsACnameChainAndCountsItsTtl() throws IOException {
    Name alias = name("edge.example.net.");
    Message response = response(host, Type.AAAA, Rcode.NOERROR);
    response.addRecord(new CNAMERecord(host, DClass.IN, 30, alias), Section.ANSWER);
    response.addRecord(aaaa(alias, 300, "2001:db8::1"), Section.ANSWER);

    LookupOutcome.Answered outcome = answered(DnsQuerier.classify(response, host, RecordFamily.AAAA, SERVER));

    assertThat(outcome.addresses()).extracting(Object::toString).containsExactly("2001:db8::1");
    assertThat(outcome.ttlSeconds()).isEqualTo(30);
  }

  @Test
  void ignoresAddressRecordsOfOtherNames() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(a(name("evil.example."), 300, "203.0.113.66"), Section.ANSWER);

    LookupOutcome.Answered outcome = answered(DnsQuerier.classify(response, host, RecordFamily.A, SERVER));

    assertThat(outcome.addresses()).isEmpty();
  }

  @Test
  void ignoresRecordsOfTheOtherType() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.addRecord(aaaa(host, 300, "2001:db8::1"), Section.ANSWER);

    assertThat(answered(DnsQuerier.classify(response, host, RecordFamily.A, SERVER)).addresses()).isEmpty();
  }

  @Test
  void nxdomainIsAnAnswerWithNoAddressesValidForTheSoaNegativeTtl() throws IOException {
    Message response = response(host, Type.A, Rcode.NXDOMAIN);
    response.addRecord(soa(120, 45), Section.AUTHORITY);

    LookupOutcome.Answered outcome = answered(DnsQuerier.classify(response, host, RecordFamily.A, SERVER));

    assertThat(outcome.addresses()).isEmpty();
    assertThat(outcome.ttlSeconds()).isEqualTo(45);
    assertThat(outcome.summary()).isEqualTo("NXDOMAIN from " + SERVER);
  }

  @Test
  void noDataWithoutAnSoaHasNoTtl() throws IOException {
    Message response = response(host, Type.AAAA, Rcode.NOERROR);

    LookupOutcome.Answered outcome = answered(DnsQuerier.classify(response, host, RecordFamily.AAAA, SERVER));

    assertThat(outcome.addresses()).isEmpty();
    assertThat(outcome.ttlSeconds()).isNegative();
  }

  @Test
  void servfailRefusedAndOtherErrorsAreFailuresNamingTheServer() throws IOException {
    assertThat(DnsQuerier.classify(response(host, Type.A, Rcode.SERVFAIL), host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("SERVFAIL from " + SERVER));
    assertThat(DnsQuerier.classify(response(host, Type.A, Rcode.REFUSED), host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("REFUSED from " + SERVER));
    assertThat(DnsQuerier.classify(response(host, Type.A, Rcode.FORMERR), host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("FORMERR from " + SERVER));
  }

  @Test
  void anAnswerToAnotherQuestionIsAFailure() throws IOException {
    Message response = response(name("other.vipps.no."), Type.A, Rcode.NOERROR);
    response.addRecord(a(host, 300, "192.0.2.1"), Section.ANSWER);

    assertThat(DnsQuerier.classify(response, host, RecordFamily.A, SERVER))
        .isInstanceOf(LookupOutcome.Failed.class);
    assertThat(DnsQuerier.classify(response(host, Type.AAAA, Rcode.NOERROR), host, RecordFamily.A, SERVER))
        .isInstanceOf(LookupOutcome.Failed.class);
  }

  @Test
  void aStillTruncatedAnswerIsAFailure() throws IOException {
    Message response = response(host, Type.A, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.TC);
    response.addRecord(a(host, 300, "192.0.2.1"), Section.ANSWER);

    assertThat(DnsQuerier.classify(response, host, RecordFamily.A, SERVER))
        .isEqualTo(new LookupOutcome.Failed("truncated answer from " + SERVER));
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
