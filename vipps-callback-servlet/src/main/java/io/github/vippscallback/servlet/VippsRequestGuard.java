package io.github.vippscallback.servlet;

import io.github.vippscallback.core.ClientAddressResolver;
import io.github.vippscallback.core.VippsAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * The check {@link VippsCallbackFilter} applies, usable on its own (the Spring Boot starter builds its
 * security rule on it): find the client address, ask the allowlist, log a denial (rate-limited),
 * tell the observer, and write the 403/503 {@code application/problem+json} answer.
 */
public final class VippsRequestGuard {

  /** The default {@code Retry-After} of a 503: 60 seconds. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

  private VippsRequestGuard() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** A guard over {@code allowlist} that finds client addresses with {@code clientAddressResolver}. */
  public static VippsRequestGuard of(
      VippsAllowlist allowlist,
      ClientAddressResolver clientAddressResolver,
      CallbackObserver observer,
      Duration retryAfter) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The allowlist this guard asks. */
  public VippsAllowlist allowlist() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Checks one request: decides, logs a denial at WARN (rate-limited) and tells the observer.
   * Does not write to the response.
   */
  public GuardVerdict check(HttpServletRequest request) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Writes the answer to a request that was not allowed: 403, or 503 with {@code Retry-After}, each with
   * an RFC 9457 problem body that does not reveal the allowlist.
   */
  public void reject(GuardVerdict verdict, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    throw new UnsupportedOperationException("skeleton");
  }
}
