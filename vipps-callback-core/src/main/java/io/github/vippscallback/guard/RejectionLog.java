package io.github.vippscallback.guard;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs each request that was not allowed at WARN, with what an operator needs to act on (client
 * address, peer address, forwarded headers, method, path, reason) and nothing that can forge a log
 * line: every request-derived value goes through {@link HostileText}. In report-only mode the line says
 * the request would have been refused but was let through. Rate-limited: at most
 * {@link #DEFAULT_LINES_PER_SECOND} lines a second, the next line after a quiet spell saying how many
 * were suppressed.
 */
final class RejectionLog {

  /** The most WARN lines a second. */
  static final int DEFAULT_LINES_PER_SECOND = 5;

  static final String REASON_NOT_ALLOWED = "the client address is not a Vipps request server";
  static final String REASON_PEER_UNREADABLE = "the connection's peer address is not an IP literal: ";
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
  private final String deniedVerb;
  private final String unavailableVerb;

  RejectionLog(Logger logger, boolean readsForwardedHeaders, EnforcementMode mode, LongSupplier nanoTime) {
    this.logger = logger;
    boolean enforces = mode.enforces();
    this.deniedVerb = enforces ? "denied (403)" : "would have been denied (403) but was let through (report-only)";
    this.unavailableVerb = enforces
        ? "refused for now (503)"
        : "would have been refused for now (503) but was let through (report-only)";
    this.readsForwardedHeaders = readsForwardedHeaders;
    this.limiter = new LogRateLimiter(DEFAULT_LINES_PER_SECOND, Duration.ofSeconds(1), nanoTime);
  }

  /** Logs one request that was denied or met an unavailable allowlist, unless rate-limited. */
  <R> void log(CallbackOutcome outcome, @Nullable String clientAddress, @Nullable String peerAddress, R request,
      CallbackRequestView<R> view) {
    if (!logger.isWarnEnabled() || !limiter.tryAcquire()) {
      return;
    }
    String xForwardedFor = HostileText.sanitizeAll(view.headerLines(request, CallbackGuard.X_FORWARDED_FOR));
    String forwarded = HostileText.sanitizeAll(view.headerLines(request, CallbackGuard.FORWARDED));
    String reason;
    if (outcome == CallbackOutcome.UNAVAILABLE) {
      reason = REASON_UNAVAILABLE;
    } else if (outcome == CallbackOutcome.PEER_ADDRESS_UNREADABLE) {
      reason = REASON_PEER_UNREADABLE + HostileText.sanitize(peerAddress);
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
        outcome == CallbackOutcome.UNAVAILABLE ? unavailableVerb : deniedVerb,
        HostileText.sanitize(CallbackGuard.canonical(clientAddress)),
        HostileText.sanitize(peerAddress),
        xForwardedFor,
        forwarded,
        HostileText.sanitize(view.method(request)),
        HostileText.sanitize(view.path(request)),
        reason,
        suppressed == 0 ? "" : " (" + suppressed + " similar lines suppressed)");
  }
}
