package io.github.vippscallback.servlet;

/** What became of one request to a guarded endpoint. */
public enum CallbackOutcome {
  /** From a Vipps request server: passed on. */
  ALLOWED,
  /** Not from a Vipps request server while the allowlist is ready: 403. */
  DENIED,
  /** The allowlist knows no address yet, or all expired: 503 with {@code Retry-After}. */
  UNAVAILABLE
}
