package io.github.vippscallback.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs each request that was not allowed at WARN, with what an operator needs to act on (client
 * address, peer address, forwarded headers, method, path, reason) and nothing that can forge a log
 * line: every request-derived value goes through {@link HostileText}. Rate-limited: at most
 * {@link #DEFAULT_LINES_PER_SECOND} lines a second, the next line after a quiet spell saying how many
 * were suppressed.
 */
final class RejectionLog {

  /** The most WARN lines a second. */
  static final int DEFAULT_LINES_PER_SECOND = 5;

  static final String REASON_NOT_ALLOWED = "the client address is not a Vipps request server";
  static final String REASON_NO_CLIENT =
      "no client address: a forwarded hop is missing, unparsable or obfuscated, or X-Forwarded-For and"
          + " Forwarded disagree";
  static final String REASON_UNAVAILABLE =
      "no Vipps request-server address is known yet (or all expired); answered 503 so Vipps retries";
  static final String HINT_HEADERS_IGNORED =
      " (forwarded headers ignored: no trusted proxies are configured)";

  private final Logger logger;
  private final LogRateLimiter limiter;
  private final boolean readsForwardedHeaders;

  RejectionLog(Logger logger, boolean readsForwardedHeaders, LongSupplier nanoTime) {
    this.logger = logger;
    this.readsForwardedHeaders = readsForwardedHeaders;
    this.limiter = new LogRateLimiter(DEFAULT_LINES_PER_SECOND, Duration.ofSeconds(1), nanoTime);
  }

  /** Logs one request that was denied or met an unavailable allowlist, unless rate-limited. */
  void log(CallbackOutcome outcome, @Nullable String clientAddress, String peerAddress, HttpServletRequest request) {
    if (!logger.isWarnEnabled() || !limiter.tryAcquire()) {
      return;
    }
    String xForwardedFor = HostileText.sanitizeAll(request.getHeaders(VippsRequestGuard.X_FORWARDED_FOR));
    String forwarded = HostileText.sanitizeAll(request.getHeaders(VippsRequestGuard.FORWARDED));
    String reason;
    if (outcome == CallbackOutcome.UNAVAILABLE) {
      reason = REASON_UNAVAILABLE;
    } else if (clientAddress == null) {
      reason = REASON_NO_CLIENT;
    } else {
      reason = REASON_NOT_ALLOWED;
    }
    if (!readsForwardedHeaders && !(xForwardedFor.equals(HostileText.ABSENT) && forwarded.equals(HostileText.ABSENT))) {
      reason += HINT_HEADERS_IGNORED;
    }
    long suppressed = limiter.takeSuppressed();
    logger.warn(
        "Vipps callback {}: client=\"{}\" peer=\"{}\" x-forwarded-for=\"{}\" forwarded=\"{}\" method=\"{}\""
            + " path=\"{}\" reason=\"{}\"{}",
        outcome == CallbackOutcome.UNAVAILABLE ? "refused for now (503)" : "denied (403)",
        HostileText.sanitize(VippsRequestGuard.canonical(clientAddress)),
        HostileText.sanitize(peerAddress),
        xForwardedFor,
        forwarded,
        HostileText.sanitize(request.getMethod()),
        HostileText.sanitize(request.getRequestURI()),
        reason,
        suppressed == 0 ? "" : " (" + suppressed + " similar lines suppressed)");
  }
}
