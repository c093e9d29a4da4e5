package io.github.vippscallback.guard;

/**
 * What became of one request to a guarded endpoint. The address check ({@link CallbackGuard}) reports
 * {@link #ALLOWED}, {@link #DENIED}, {@link #PEER_ADDRESS_UNREADABLE} or {@link #UNAVAILABLE} once per
 * request; the signature check ({@link WebhookSignatureCheck}, telling the same {@link CallbackObserver})
 * adds {@link #SIGNATURE_INVALID} or {@link #BODY_TOO_LARGE} for a request it refuses, and nothing for a
 * valid one.
 *
 * <p>In {@linkplain EnforcementMode#REPORT_ONLY report-only mode} the outcome is the same, but the
 * request goes through regardless.
 */
public enum CallbackOutcome {
  /** From a Vipps request server: passed on. */
  ALLOWED,
  /** Not from a Vipps request server while the allowlist is ready: 403. */
  DENIED,
  /**
   * The connection's peer address, as the server handed it over, is not an IP literal, so nothing about
   * the request can be checked: 403, whatever the allowlist knows. A server quirk (or a misbehaving
   * proxy-aware component in front of the filter), not a change of Vipps' addresses.
   */
  PEER_ADDRESS_UNREADABLE,
  /** The allowlist knows no address yet, or all expired: 503 with {@code Retry-After}. */
  UNAVAILABLE,
  /** A webhook without a valid Vipps signature (missing, malformed, stale or wrong): 401. */
  SIGNATURE_INVALID,
  /** A webhook whose body is larger than the signature filter accepts: 413. */
  BODY_TOO_LARGE
}
