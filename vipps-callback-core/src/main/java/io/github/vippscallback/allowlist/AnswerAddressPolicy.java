package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.address.SpecialPurposeAddresses;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses of a successful A or AAAA answer may enter the allowlist: the address policy of
 * {@link SpecialPurposeAddresses} and the limit of {@value #MAX_ADDRESSES_PER_RECORD_TYPE} addresses per
 * record type. Runs on the refresh thread only. Immutable.
 *
 * <p>An AAAA answer never yields an IPv4 address: an IPv4-mapped AAAA record ({@code ::ffff:a.b.c.d}) is
 * refused whatever the opt-in. Addresses in a {@link SpecialPurposeAddresses.Treatment#NEVER_ACCEPTED}
 * block are refused whatever the opt-in; those in an {@link SpecialPurposeAddresses.Treatment#OPT_IN}
 * block unless special-purpose addresses are accepted. An answer whose every address is refused, or
 * that holds more than the limit, is a failure: nothing of it is taken.
 */
final class AnswerAddressPolicy {

  /**
   * The most addresses one host may answer for one record type. Vipps answers a few per host; hundreds
   * mean a broken or hostile resolver, and would bloat every firewall rule set built from the allowlist.
   */
  static final int MAX_ADDRESSES_PER_RECORD_TYPE = 32;

  /** How an IPv4-mapped AAAA record is named in refusals. */
  static final String IPV4_MAPPED =
      "::ffff:0:0/96 IPv4-mapped Address (RFC 4291; an AAAA answer never yields IPv4)";

  /**
   * One refused address of an answer.
   *
   * @param address the address
   * @param block the block it lies in, e.g. {@code 127.0.0.0/8 Loopback (RFC 1122)}
   */
  record Refusal(IpAddress address, String block) {
    /** {@code 127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)}. */
    @Override
    public String toString() {
      return address + " in " + block;
    }
  }

  /**
   * What the policy made of one answer.
   *
   * @param accepted the addresses to take (empty when {@code failure} is set)
   * @param refused the refused addresses, in answer order
   * @param failure why nothing of the answer is taken, or null when it is taken
   */
  record Screened(List<IpAddress> accepted, List<Refusal> refused, @Nullable String failure) {
    /** Copies the lists. */
    Screened {
      accepted = List.copyOf(accepted);
      refused = List.copyOf(refused);
    }
  }

  private final boolean acceptSpecialPurpose;

  /** @param acceptSpecialPurpose whether {@code OPT_IN} blocks are accepted (local testing only) */
  AnswerAddressPolicy(boolean acceptSpecialPurpose) {
    this.acceptSpecialPurpose = acceptSpecialPurpose;
  }

  boolean acceptsSpecialPurpose() {
    return acceptSpecialPurpose;
  }

  /** Screens the addresses of a successful answer for {@code host}'s records of {@code family}. */
  Screened screen(String host, RecordFamily family, List<IpAddress> answer) {
    if (answer.size() > MAX_ADDRESSES_PER_RECORD_TYPE) {
      return new Screened(List.of(), List.of(), "implausible answer: " + answer.size() + " " + family
          + " records for " + host + ", at most " + MAX_ADDRESSES_PER_RECORD_TYPE + " accepted");
    }
    List<IpAddress> accepted = new ArrayList<>(answer.size());
    List<Refusal> refused = new ArrayList<>();
    for (IpAddress address : answer) {
      @Nullable String block = refusedBlock(family, address);
      if (block == null) {
        accepted.add(address);
      } else {
        refused.add(new Refusal(address, block));
      }
    }
    if (accepted.isEmpty() && !refused.isEmpty()) {
      return new Screened(List.of(), refused, "every address of the answer was refused by the address policy: "
          + ShortList.of(refused));
    }
    return new Screened(accepted, refused, null);
  }

  /** The block that makes {@code address} refused in an answer of {@code family}, or null when accepted. */
  private @Nullable String refusedBlock(RecordFamily family, IpAddress address) {
    if (family == RecordFamily.AAAA && address.isIpv4()) {
      return IPV4_MAPPED;
    }
    if (family == RecordFamily.A && !address.isIpv4()) {
      return "IPv6 address in an A record";
    }
    SpecialPurposeAddresses.Block block = SpecialPurposeAddresses.blockOf(address);
    if (block == null) {
      return null;
    }
    return switch (block.treatment()) {
      case ACCEPTED -> null;
      case OPT_IN -> acceptSpecialPurpose ? null : block.toString();
      case NEVER_ACCEPTED -> block + ", never accepted";
    };
  }
}
