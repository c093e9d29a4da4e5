package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.io.IOException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Builds the records tests put into DNS messages. */
final class DnsWire {

  private DnsWire() {}

  static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ARecord a(Name owner, long ttl, String address) {
    return new ARecord(owner, DClass.IN, ttl, IpAddress.parse(address).toInetAddress());
  }

  /** An SOA of {@code zone} whose TTL and MINIMUM are {@code negativeTtl}. */
  static SOARecord soa(Name zone, long negativeTtl) {
    return new SOARecord(zone, DClass.IN, negativeTtl, name("ns." + zone), name("hostmaster." + zone),
        1, 3600, 600, 86400, negativeTtl);
  }

  /** The query's asked name. */
  static Name asked(Message query) {
    Record question = query.getQuestion();
    if (question == null) {
      throw new IllegalArgumentException("no question");
    }
    return question.getName();
  }

  /** {@code response} with {@code records} added to {@code section}. */
  static Message with(Message response, int section, Record... records) {
    for (Record record : records) {
      response.addRecord(record, section);
    }
    return response;
  }

  static final int ANSWER = Section.ANSWER;
  static final int AUTHORITY = Section.AUTHORITY;
  static final int ADDITIONAL = Section.ADDITIONAL;
}
