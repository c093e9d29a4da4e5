package io.github.vippscallback.allowlist;

import static io.github.vippscallback.allowlist.DnsWire.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.address.FuzzInput;
import io.github.vippscallback.address.IpAddress;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Coverage-guided fuzzing of {@link DnsAnswerClassifier}, with the oracle: no address outside the asked
 * name's CNAME chain is ever accepted; every accepted address is owned, in the answer section and class
 * IN, by a name on that chain and is of the asked type (an AAAA answer never yields IPv4); an answer
 * with no addresses is an NXDOMAIN or a NODATA with an SOA; the address policy lets no special-purpose
 * address of an answer through; only a QR=1 QUERY response to the asked
 * question is ever an answer; and classification never throws.
 *
 * <p>An input is either a wire-format message (first byte even: seeds are real responses, which the
 * fuzzer mutates) or choices that build one (first byte odd). Runs the seeds under {@code
 * src/test/resources/.../DnsAnswerFuzzTestInputs} in every build; see docs/testing.md to fuzz.
 */
class DnsAnswerFuzzTest {

  private static final Name ASKED = name("callback-1.vipps.no");
  private static final List<Name> NAMES = List.of(ASKED, name("CALLBACK-1.vipps.NO"), name("a.example.net"),
      name("b.example.net"), name("c.example.net"), name("evil.example"), name("vipps.no"),
      name("x.callback-1.vipps.no"), name("callback-1.elsewhere.example"), Name.root);
  private static final List<Integer> RCODES =
      List.of(Rcode.NOERROR, Rcode.NOERROR, Rcode.NXDOMAIN, Rcode.SERVFAIL, Rcode.REFUSED, Rcode.FORMERR);

  @FuzzTest(maxDuration = "5m")
  void classificationNeverAcceptsAnAddressOutsideTheChain(byte[] data) {
    Message response;
    try {
      if (data.length > 0 && (data[0] & 1) == 0) {
        response = new Message(data);
      } else {
        FuzzInput input = new FuzzInput(data);
        input.next(2); // the mode
        response = build(input, input.bool() ? RecordFamily.AAAA : RecordFamily.A);
      }
    } catch (IOException | RuntimeException unparseable) {
      return; // the exchange ignores what dnsjava cannot parse
    }
    for (RecordFamily asked : RecordFamily.values()) {
      check(response, asked, DnsAnswerClassifier.classify(response, ASKED, asked, "192.0.2.53:53"));
    }
  }

  static void check(Message response, RecordFamily family, LookupOutcome outcome) {
    if (!(outcome instanceof LookupOutcome.Answered answered)) {
      assertThat(((LookupOutcome.Failed) outcome).error()).isNotBlank();
      return;
    }
    assertThat(response.getHeader().getFlag(Flags.QR)).as("QR").isTrue();
    assertThat(response.getHeader().getOpcode()).isEqualTo(Opcode.QUERY);
    assertThat(response.getHeader().getFlag(Flags.TC)).as("TC").isFalse();
    List<Record> question = response.getSection(Section.QUESTION);
    assertThat(question).hasSize(1);
    assertThat(question.get(0).getName()).isEqualTo(ASKED);
    assertThat(question.get(0).getType()).isEqualTo(family.type());
    assertThat(question.get(0).getDClass()).isEqualTo(DClass.IN);
    int rcode = response.getRcode();
    assertThat(rcode).isIn(Rcode.NOERROR, Rcode.NXDOMAIN);
    if (rcode == Rcode.NXDOMAIN) {
      assertThat(answered.addresses()).isEmpty();
      return;
    }
    List<Record> answers = response.getSection(Section.ANSWER);
    Set<Name> chain = chain(answers);
    for (IpAddress address : answered.addresses()) {
      assertThat(address.isIpv4()).as("%s from %s query", address, family).isEqualTo(family == RecordFamily.A);
      boolean owned = answers.stream().anyMatch(record -> record.getType() == family.type()
          && record.getDClass() == DClass.IN && chain.contains(record.getName())
          && Arrays.equals(record.rdataToWireCanonical(), address.toBytes()));
      assertThat(owned).as("%s is owned by a name on the chain %s", address, chain).isTrue();
    }
    checkAddressPolicy(family, answered.addresses());
    if (answered.addresses().isEmpty()) {
      assertThat(response.getSection(Section.AUTHORITY)).as("NODATA has an SOA")
          .anyMatch(record -> record.getType() == Type.SOA);
    } else {
      assertThat(answered.ttlSeconds()).isNotNegative();
    }
  }

  /**
   * What the address policy (without the opt-in) lets through of a classified answer: only addresses of
   * the answer, at most the limit, and none that the JDK itself calls loopback, site-local, link-local,
   * wildcard or multicast (an oracle independent of the policy's own IANA table).
   */
  private static void checkAddressPolicy(RecordFamily family, List<IpAddress> answer) {
    AnswerAddressPolicy.Screened screened = new AnswerAddressPolicy(false).screen("callback-1.vipps.no", family, answer);
    assertThat(answer).containsAll(screened.accepted());
    assertThat(screened.accepted()).hasSizeLessThanOrEqualTo(AnswerAddressPolicy.MAX_ADDRESSES_PER_RECORD_TYPE);
    if (screened.failure() != null) {
      assertThat(screened.accepted()).isEmpty();
    }
    for (IpAddress address : screened.accepted()) {
      InetAddress inet;
      try {
        inet = InetAddress.getByAddress(address.toBytes());
      } catch (UnknownHostException impossible) {
        throw new AssertionError(impossible);
      }
      assertThat(inet.isLoopbackAddress() || inet.isSiteLocalAddress() || inet.isLinkLocalAddress()
              || inet.isAnyLocalAddress() || inet.isMulticastAddress())
          .as("%s passed the address policy", address).isFalse();
    }
  }

  /** Every name reachable from the asked name through CNAME records (class IN) of the answer section. */
  private static Set<Name> chain(List<Record> answers) {
    Set<Name> reached = new HashSet<>();
    Deque<Name> pending = new ArrayDeque<>(List.of(ASKED));
    while (!pending.isEmpty()) {
      Name current = pending.pop();
      if (!reached.add(current)) {
        continue;
      }
      for (Record record : answers) {
        if (record instanceof CNAMERecord cname && record.getDClass() == DClass.IN
            && record.getName().equals(current)) {
          pending.push(cname.getTarget());
        }
      }
    }
    return reached;
  }

  private static Message build(FuzzInput input, RecordFamily family) throws IOException {
    Message message = new Message(input.next(0x10000));
    if (!input.oneIn(16)) {
      message.getHeader().setFlag(Flags.QR);
    }
    if (input.oneIn(16)) {
      message.getHeader().setOpcode(input.next(16));
    }
    if (input.oneIn(16)) {
      message.getHeader().setFlag(Flags.TC);
    }
    message.getHeader().setRcode(input.pick(RCODES));
    int questions = input.oneIn(16) ? input.next(3) : 1;
    for (int i = 0; i < questions; i++) {
      Name name = input.oneIn(8) ? input.pick(NAMES) : ASKED;
      int type = input.oneIn(8) ? Type.TXT : family.type();
      int dclass = input.oneIn(16) ? DClass.CH : DClass.IN;
      message.addRecord(Record.newRecord(name, type, dclass), Section.QUESTION);
    }
    int records = input.next(14);
    for (int i = 0; i < records; i++) {
      int section = input.oneIn(4) ? (input.bool() ? Section.AUTHORITY : Section.ADDITIONAL) : Section.ANSWER;
      message.addRecord(record(input), section);
    }
    // Through the wire and back, as the exchange hands it over.
    return new Message(message.toWire());
  }

  private static Record record(FuzzInput input) throws IOException {
    Name owner = input.pick(NAMES);
    int dclass = input.oneIn(12) ? DClass.CH : DClass.IN;
    long ttl = input.ttl();
    switch (input.next(7)) {
      case 0:
        return new ARecord(owner, dclass, ttl, java.net.InetAddress.getByAddress(input.bytes(4)));
      case 1: {
        byte[] bytes = input.bytes(16);
        if (input.bool()) { // IPv4-mapped
          Arrays.fill(bytes, 0, 10, (byte) 0);
          bytes[10] = (byte) 0xff;
          bytes[11] = (byte) 0xff;
        }
        return new AAAARecord(owner, dclass, ttl, java.net.Inet6Address.getByAddress(null, bytes, -1));
      }
      case 2:
      case 3:
        return new CNAMERecord(owner, dclass, ttl, input.pick(NAMES));
      case 4:
        return new DNAMERecord(owner, dclass, ttl, input.pick(NAMES));
      case 5:
        return new SOARecord(owner, dclass, ttl, name("ns.example"), name("hostmaster.example"),
            1, 3600, 600, 86400, input.ttl());
      default:
        return new TXTRecord(owner, dclass, ttl, "x");
    }
  }
}
