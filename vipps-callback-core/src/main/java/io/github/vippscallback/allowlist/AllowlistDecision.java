package io.github.vippscallback.allowlist;

/** What {@link VippsAllowlist#decide} says of a client address. */
public enum AllowlistDecision {
  /** The address is one of the request servers' (or a configured address or range): let it through. */
  ALLOWED,
  /** The allowlist is ready and the address is not in it: answer 403. */
  DENIED,
  /** Nothing is known yet, or everything expired: answer 503 with {@code Retry-After} so Vipps retries. */
  UNAVAILABLE
}
