package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is known of one host's A or AAAA records. Immutable; each DNS outcome makes a new one.
 *
 * @param addresses the addresses in the allowlist (last known good while failing; none once expired)
 * @param ttl the clamped TTL of the last success, {@link Duration#ZERO} before the first
 * @param lastSuccessNanos the ticker reading of the last success; meaningful when lastSuccess is set
 * @param lastSuccess the wall-clock time of the last success, or null
 * @param lastError the last failure since the last success, or null
 * @param lastErrorNanos the ticker reading of the last failure; meaningful when lastError is set
 * @param failures consecutive failures since the last success
 * @param stale whether the addresses are last known good ones kept through a failure
 */
record FamilyState(
    List<IpAddress> addresses,
    Duration ttl,
    long lastSuccessNanos,
    @Nullable Instant lastSuccess,
    @Nullable String lastError,
    long lastErrorNanos,
    int failures,
    boolean stale) {

  static final FamilyState UNRESOLVED =
      new FamilyState(List.of(), Duration.ZERO, 0, null, null, 0, 0, false);

  /** Copies the address list. */
  FamilyState {
    addresses = List.copyOf(addresses);
  }

  /** After an answer (addresses or an authoritative none). */
  FamilyState succeeded(List<IpAddress> answer, Duration clampedTtl, long nowNanos, Instant now) {
    return new FamilyState(answer, clampedTtl, nowNanos, now, null, 0, 0, false);
  }

  /** After a failure: the addresses stay, marked stale. A failure never adds an address. */
  FamilyState failed(String error, long nowNanos) {
    return new FamilyState(
        addresses, ttl, lastSuccessNanos, lastSuccess, error, nowNanos, failures + 1, !addresses.isEmpty());
  }

  /** After max-stale has passed since the last success: the addresses are dropped. */
  FamilyState expired() {
    return new FamilyState(
        List.of(), ttl, lastSuccessNanos, lastSuccess, lastError, lastErrorNanos, failures, false);
  }

  /** How long since the last success, by the ticker, or null when there was none. */
  @Nullable Duration sinceLastSuccess(long nowNanos) {
    return lastSuccess == null ? null : Duration.ofNanos(nowNanos - lastSuccessNanos);
  }
}
