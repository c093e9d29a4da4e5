package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Decides what one DNS response says about one question (an absolute name and A or AAAA). Pure: no I/O,
 * no clock, no state, so it can be fuzzed.
 *
 * <p>Only two kinds of response are answers. A response with addresses: NOERROR, whose answer section
 * holds records of the asked type owned by a name on the asked name's CNAME chain (the asked name, then
 * each CNAME target, at most {@value #MAX_CNAME_HOPS} CNAMEs, no loop); only those addresses are taken,
 * never addresses of other owners nor any from the authority or additional sections. And a response that
 * the host has none: NXDOMAIN, or an RFC 2308 NODATA (NOERROR, nothing of the asked type on the chain,
 * an SOA of an enclosing zone in the authority section).
 *
 * <p>Everything else is a {@link LookupOutcome.Failed failure} whose message says what was wrong, so
 * that the caller keeps its last known good addresses: not a response (QR clear), an opcode other than
 * QUERY, a question other than the one asked (name, type or class IN), truncation, any RCODE other than
 * NOERROR and NXDOMAIN, records of a class other than IN in the answer, a CNAME loop or a longer chain,
 * several CNAMEs or a CNAME beside data for one name, a DNAME without its synthesized CNAME, an answer
 * section holding only other names, and NOERROR without data or SOA. An AAAA record holding an
 * IPv4-mapped address ({@code ::ffff:0:0/96}) is never taken: an AAAA answer never yields an IPv4 address.
 */
final class DnsAnswerClassifier {

  /** The most CNAME records a chain may have from the asked name to its addresses. */
  static final int MAX_CNAME_HOPS = 8;

  private DnsAnswerClassifier() {}

  /**
   * What {@code response} says about the {@code family} records of {@code name}.
   *
   * @param server names the server in the outcome's messages
   */
  static LookupOutcome classify(Message response, Name name, RecordFamily family, String server) {
    @Nullable String problem = headerProblem(response, name, family);
    if (problem != null) {
      return malformed(server, problem);
    }
    if (response.getHeader().getFlag(Flags.TC)) {
      return new LookupOutcome.Failed("truncated answer from " + server);
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return new LookupOutcome.Answered(List.of(), negativeTtl(response, name), "NXDOMAIN from " + server);
    }
    if (rcode != Rcode.NOERROR) {
      return new LookupOutcome.Failed(Rcode.string(rcode) + " from " + server);
    }
    List<Record> answers = response.getSection(Section.ANSWER);
    for (Record record : answers) {
      if (record.getDClass() != DClass.IN) {
        return malformed(server, "a record of class " + DClass.string(record.getDClass()) + " instead of IN ("
            + record.getName() + " " + Type.string(record.getType()) + ")");
      }
    }
    return followChain(response, answers, name, family, server);
  }

  private static @Nullable String headerProblem(Message response, Name name, RecordFamily family) {
    Header header = response.getHeader();
    if (!header.getFlag(Flags.QR)) {
      return "not a response (QR bit clear)";
    }
    if (header.getOpcode() != Opcode.QUERY) {
      return "opcode " + Opcode.string(header.getOpcode()) + " instead of QUERY";
    }
    List<Record> questions = response.getSection(Section.QUESTION);
    if (questions.size() != 1) {
      return questions.size() + " questions instead of 1";
    }
    Record question = questions.get(0);
    if (question.getDClass() != DClass.IN) {
      return "question class " + DClass.string(question.getDClass()) + " instead of IN";
    }
    if (!question.getName().equals(name) || question.getType() != family.type()) {
      return "it answers another question (" + question.getName() + " " + Type.string(question.getType())
          + " instead of " + name + " " + family + ")";
    }
    return null;
  }

  private static LookupOutcome followChain(
      Message response, List<Record> answers, Name name, RecordFamily family, String server) {
    Set<Name> chain = new LinkedHashSet<>();
    chain.add(name);
    Name current = name;
    long ttl = Long.MAX_VALUE;
    boolean anyOnChain = false;
    int mappedSkipped = 0;
    while (true) {
      Set<IpAddress> found = new LinkedHashSet<>();
      long foundTtl = Long.MAX_VALUE;
      @Nullable Name next = null;
      int cnames = 0;
      long cnameTtl = Long.MAX_VALUE;
      for (Record record : answers) {
        if (!record.getName().equals(current)) {
          continue;
        }
        anyOnChain = true;
        if (record.getType() == family.type()) {
          @Nullable IpAddress address = address(record, family);
          if (address == null) {
            mappedSkipped++;
          } else {
            found.add(address);
            foundTtl = Math.min(foundTtl, record.getTTL());
          }
        } else if (record instanceof CNAMERecord cname) {
          cnames++;
          next = cname.getTarget();
          cnameTtl = Math.min(cnameTtl, record.getTTL());
        }
      }
      if (cnames > 1) {
        return malformed(server, cnames + " CNAME records for " + current);
      }
      if (next != null && (!found.isEmpty() || mappedSkipped > 0)) {
        return malformed(server, current + " has a CNAME and " + family + " records");
      }
      if (!found.isEmpty()) {
        String summary = found.size() + " " + family + " records from " + server;
        if (mappedSkipped > 0) {
          summary += " (" + mappedSkipped + " IPv4-mapped AAAA record(s) not taken)";
        }
        return new LookupOutcome.Answered(List.copyOf(found), Math.min(ttl, foundTtl), summary);
      }
      if (mappedSkipped > 0) {
        return malformed(server, "its AAAA records for " + current
            + " hold only IPv4-mapped addresses (::ffff:0:0/96), which an AAAA answer never yields");
      }
      if (next == null) {
        break;
      }
      ttl = Math.min(ttl, cnameTtl);
      if (!chain.add(next)) {
        return malformed(server, "CNAME loop (" + describe(chain) + " -> " + next + ")");
      }
      if (chain.size() - 1 > MAX_CNAME_HOPS) {
        return malformed(server, "CNAME chain longer than " + MAX_CNAME_HOPS + " (" + describe(chain) + ")");
      }
      current = next;
    }
    @Nullable DNAMERecord dname = dnameAbove(answers, current);
    if (dname != null) {
      return malformed(server, "DNAME " + dname.getName() + " -> " + dname.getTarget()
          + " without the CNAME it synthesizes for " + current);
    }
    if (!answers.isEmpty() && !anyOnChain) {
      return malformed(server, "its answer section holds only records of other names (" + owners(answers)
          + "), none for " + name);
    }
    long negative = negativeTtl(response, current);
    if (negative < 0) {
      return malformed(server, "NOERROR without " + family + " records for " + current
          + " and without an SOA record in the authority section (not an RFC 2308 NODATA)");
    }
    return new LookupOutcome.Answered(
        List.of(), Math.min(ttl, negative), "no " + family + " records (NODATA) from " + server);
  }

  /**
   * The address of an A or AAAA record of the asked type, from its wire data; {@code null} for an AAAA
   * record holding an IPv4-mapped address.
   */
  private static @Nullable IpAddress address(Record record, RecordFamily family) {
    byte[] data = record.rdataToWireCanonical();
    if (family == RecordFamily.AAAA && isIpv4Mapped(data)) {
      return null;
    }
    try {
      return IpAddress.of(InetAddress.getByAddress(data)); // bytes only: no lookup
    } catch (UnknownHostException wrongLength) {
      throw new IllegalStateException("dnsjava parsed an address record of " + data.length + " bytes", wrongLength);
    }
  }

  private static boolean isIpv4Mapped(byte[] data) {
    for (int i = 0; i < 10; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return data[10] == (byte) 0xff && data[11] == (byte) 0xff;
  }

  /** A DNAME whose owner is a proper ancestor of {@code name}, or null. */
  private static @Nullable DNAMERecord dnameAbove(List<Record> answers, Name name) {
    for (Record record : answers) {
      if (record instanceof DNAMERecord dname
          && name.subdomain(dname.getName()) && !name.equals(dname.getName())) {
        return dname;
      }
    }
    return null;
  }

  /**
   * The RFC 2308 negative TTL, the smaller of the SOA record's TTL and MINIMUM, from an SOA in the
   * authority section whose owner encloses {@code name}; -1 without one.
   */
  private static long negativeTtl(Message response, Name name) {
    for (Record record : response.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa && soa.getDClass() == DClass.IN && name.subdomain(soa.getName())) {
        return Math.min(soa.getTTL(), soa.getMinimum());
      }
    }
    return -1;
  }

  /** The chain as {@code a -> b -> c}, its middle left out when it is long. */
  private static String describe(Set<Name> chain) {
    List<Name> links = new ArrayList<>(chain);
    if (links.size() <= 5) {
      StringJoiner text = new StringJoiner(" -> ");
      links.forEach(link -> text.add(link.toString()));
      return text.toString();
    }
    return links.get(0) + " -> " + links.get(1) + " -> ... " + (links.size() - 3) + " more -> "
        + links.get(links.size() - 1);
  }

  private static String owners(List<Record> answers) {
    List<String> names = new ArrayList<>();
    for (Record record : answers) {
      String owner = record.getName().toString();
      if (!names.contains(owner)) {
        names.add(owner);
      }
      if (names.size() == 3) {
        break;
      }
    }
    return String.join(", ", names);
  }

  private static LookupOutcome.Failed malformed(String server, String problem) {
    return new LookupOutcome.Failed("malformed answer from " + server + ": " + problem);
  }
}
