package io.github.vippscallback.core;

import java.util.Collection;
import java.util.Set;

/**
 * An immutable set of address ranges with an allocation-free membership test whose cost does not grow
 * with the number of entries (one hash probe per distinct prefix length). The snapshot
 * {@link VippsAllowlist#decide} reads.
 */
final class AddressSet {

  private AddressSet() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The empty set. */
  static AddressSet empty() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** A set holding exactly the given ranges (a single address is a full-length range). */
  static AddressSet of(Collection<IpRange> ranges) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Whether {@code address} is an address literal (as {@link IpAddress#tryParse} accepts) inside one of
   * the ranges. Parses the characters in place: no allocation, no DNS.
   */
  boolean contains(CharSequence address) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether {@code address} is inside one of the ranges. */
  boolean contains(IpAddress address) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether the set holds nothing. */
  boolean isEmpty() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The ranges, sorted. */
  Set<IpRange> ranges() {
    throw new UnsupportedOperationException("skeleton");
  }
}
