package io.github.vippscallback.allowlist;

import java.time.Duration;

/**
 * Told of every DNS lookup a {@link VippsAllowlist} makes to refresh a host's addresses, e.g. to count and
 * time them as metrics. Register one with {@link VippsAllowlist.Builder#refreshListener}.
 *
 * <p>Called on the allowlist's refresh thread, after the outcome has been applied: keep it quick and do
 * not block. An exception it throws is logged and changes nothing else.
 */
@FunctionalInterface
public interface DnsRefreshListener {

  /**
   * Called once per lookup of one host's records of one type.
   *
   * @param host the host name looked up, lower case, without a trailing dot
   * @param recordType {@code "A"} or {@code "AAAA"}
   * @param success whether DNS answered: with addresses, with none, or authoritatively "no such name";
   *     {@code false} when the lookup failed (time-out, SERVFAIL, REFUSED, a malformed answer, ...)
   * @param took how long the lookup took, retries included
   */
  void onRefresh(String host, String recordType, boolean success, Duration took);
}
