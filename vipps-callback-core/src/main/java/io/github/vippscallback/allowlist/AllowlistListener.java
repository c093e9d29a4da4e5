package io.github.vippscallback.allowlist;

import java.time.Duration;

/**
 * Told what an allowlist's background refresh does: each change of the effective set of allowed addresses
 * ({@link #onChange}, e.g. to update a firewall) and each DNS lookup it makes, with its outcome and duration
 * ({@link #onLookup}, e.g. for metrics). The one listener type of {@link VippsAllowlist}: register it on the
 * builder ({@link VippsAllowlist.Builder#listener}, to hear every lookup from the start) or on the running
 * allowlist ({@link VippsAllowlist#addListener}).
 *
 * <p>Called on the allowlist's refresh thread, after the outcome has been applied: keep it quick and do
 * not block. An exception it throws is logged and does not stop other listeners nor change the allowlist.
 */
@FunctionalInterface
public interface AllowlistListener {

  /**
   * Called once per change of the effective set, with what was added and removed.
   *
   * @param change what was added and removed, and the effective set after the change
   */
  void onChange(AllowlistChange change);

  /**
   * Called once per lookup of one host's records of one type. By default nothing.
   *
   * @param host the host name looked up, lower case, without a trailing dot
   * @param recordType {@code "A"} or {@code "AAAA"}
   * @param success whether DNS answered: with addresses, with none, or authoritatively "no such name";
   *     {@code false} when the lookup failed (time-out, SERVFAIL, REFUSED, a malformed answer, ...)
   * @param took how long the lookup took, retries included
   */
  default void onLookup(String host, String recordType, boolean success, Duration took) { }
}
