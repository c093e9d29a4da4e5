package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.util.List;

/** What one DNS lookup of one host and record type came to. Immutable. */
sealed interface LookupOutcome {

  /**
   * The name server answered authoritatively: these addresses (possibly none, for NXDOMAIN or
   * NOERROR without data), valid for {@code ttlSeconds}; {@code ttlSeconds} is negative when a negative
   * answer carried no SOA to say how long it holds.
   */
  record Answered(List<IpAddress> addresses, long ttlSeconds, String summary) implements LookupOutcome {
    /** Copies the address list. */
    public Answered {
      addresses = List.copyOf(addresses);
    }
  }

  /**
   * The lookup failed (SERVFAIL, REFUSED, timeout, network error, a mismatched or malformed answer):
   * says nothing about the host's addresses.
   */
  record Failed(String error) implements LookupOutcome {}
}
