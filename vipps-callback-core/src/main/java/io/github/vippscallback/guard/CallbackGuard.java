package io.github.vippscallback.guard;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.address.PeerAddressText;
import io.github.vippscallback.allowlist.AllowlistDecision;
import io.github.vippscallback.allowlist.VippsAllowlist;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address check of a callback request, for any web stack: find the client address (through a
 * stateless {@link CallbackRequestView} of the stack's request), ask the allowlist, log a denial
 * (rate-limited), tell the observer, and give the 403/503 {@code application/problem+json} answer to
 * write. {@code VippsRequestGuard} applies it to servlet requests; the Spring Boot starter's WebFlux
 * support to {@code ServerHttpRequest}s. Free of servlet types, so an application without the Servlet
 * API loads it.
 *
 * <p>The client address is the peer address (an IPv6 peer in brackets, as Jetty gives it, is read as the
 * literal inside: {@link PeerAddressText#unbracketed}); the {@code X-Forwarded-For} and {@code Forwarded} headers
 * are read only when the {@link ClientAddressResolver} trusts a proxy. With no trusted proxy a check does
 * no DNS, takes no lock and allocates nothing; it never does DNS or locks in any case.
 *
 * <p>A peer address that is not an IP literal is refused with its own outcome, {@link
 * CallbackOutcome#PEER_ADDRESS_UNREADABLE} (403, whatever the allowlist knows), and its own log reason, so
 * that a server quirk is not mistaken for a change of Vipps' addresses.
 *
 * <p>Denials are logged at WARN by the logger {@code io.github.vippscallback.guard.CallbackGuard}
 * (on every stack), at most {@value RejectionLog#DEFAULT_LINES_PER_SECOND} lines a second; the next line
 * logged says how many were suppressed. Immutable and thread-safe.
 *
 * <p>In {@linkplain EnforcementMode#REPORT_ONLY report-only mode} a request is checked, logged ("would
 * have been denied") and told to the observer exactly as when enforcing, and the verdict is the same;
 * {@link #letsThrough} then says it goes on regardless.
 */
public final class CallbackGuard {

  /** The default {@code Retry-After} of a 503: 60 seconds. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

  /**
   * The one name under which a web stack's adapter that checked a request leaves its {@link CallbackOutcome}
   * (a request attribute on servlets, an exchange attribute on WebFlux) for a later step to answer from,
   * e.g. a Spring Security rejection handler after the {@code vippsRequestServers} authorization manager.
   */
  public static final String OUTCOME_ATTRIBUTE = "io.github.vippscallback.guard.CallbackOutcome";

  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  static final String FORWARDED = "Forwarded";

  /** One logger for every web stack: {@code io.github.vippscallback.guard.CallbackGuard}. */
  private static final Logger LOG = LoggerFactory.getLogger(CallbackGuard.class);

  private final VippsAllowlist allowlist;
  private final ClientAddressResolver clientAddressResolver;
  private final boolean readsForwardedHeaders;
  private final CallbackObserver observer;
  private final ProblemAnswers problemAnswers;
  private final RejectionLog rejectionLog;
  private final LogRateLimiter observerFailureLimiter;
  private final EnforcementMode mode;
  private final boolean enforces;

  private CallbackGuard(
      VippsAllowlist allowlist,
      ClientAddressResolver clientAddressResolver,
      CallbackObserver observer,
      Duration retryAfter,
      EnforcementMode mode) {
    this.mode = mode;
    this.enforces = mode.enforces();
    this.allowlist = allowlist;
    this.clientAddressResolver = clientAddressResolver;
    this.readsForwardedHeaders = clientAddressResolver.readsForwardedHeaders();
    this.observer = observer;
    this.problemAnswers = new ProblemAnswers(retryAfter);
    this.rejectionLog = new RejectionLog(LOG, readsForwardedHeaders, mode, System::nanoTime);
    this.observerFailureLimiter = new LogRateLimiter(1, Duration.ofMinutes(1), System::nanoTime);
  }

  /**
   * A guard over {@code allowlist} that finds client addresses with {@code clientAddressResolver}, in
   * the given mode.
   *
   * @param allowlist the allowlist that says which addresses are Vipps' request servers; the caller starts and
   *     closes it
   * @param clientAddressResolver how the client address is found, from the peer address and trusted proxies' headers
   * @param observer told of every outcome; {@link CallbackObserver#NONE} for nobody
   * @param retryAfter the {@code Retry-After} of a 503, at least 1 second (rounded up to whole seconds)
   * @param mode {@link EnforcementMode#ENFORCE}, or {@link EnforcementMode#REPORT_ONLY} to log and count
   *     denials but let every request through ({@link #letsThrough})
   * @return the guard
   * @throws IllegalArgumentException when {@code retryAfter} is shorter than 1 second
   */
  public static CallbackGuard of(
      VippsAllowlist allowlist,
      ClientAddressResolver clientAddressResolver,
      CallbackObserver observer,
      Duration retryAfter,
      EnforcementMode mode) {
    Objects.requireNonNull(allowlist, "allowlist");
    Objects.requireNonNull(clientAddressResolver, "clientAddressResolver");
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(mode, "mode");
    return new CallbackGuard(allowlist, clientAddressResolver, observer, checkRetryAfter(retryAfter), mode);
  }

  /**
   * Whether this guard enforces its verdicts or only reports them.
   *
   * @return {@link EnforcementMode#ENFORCE} or {@link EnforcementMode#REPORT_ONLY}
   */
  public EnforcementMode mode() {
    return mode;
  }

  /**
   * The allowlist this guard asks.
   *
   * @return the allowlist given to {@link #of}
   */
  public VippsAllowlist allowlist() {
    return allowlist;
  }

  /**
   * Whether a request with this verdict goes on: when it is allowed, and in report-only mode always.
   * The verdict itself (and what was logged and observed) is the same in both modes.
   *
   * @param verdict the verdict of {@link #check}
   * @return {@code true} when the request goes on to the application
   */
  public boolean letsThrough(GuardVerdict verdict) {
    return !enforces || verdict.allowed();
  }

  /**
   * As {@link #letsThrough(GuardVerdict)}, for an outcome of {@link #decide}.
   *
   * @param outcome the outcome of {@link #decide}
   * @return {@code true} when the request goes on to the application
   */
  public boolean letsThrough(CallbackOutcome outcome) {
    return !enforces || outcome == CallbackOutcome.ALLOWED;
  }

  /**
   * Checks one request: decides, logs a denial at WARN (rate-limited) and tells the observer. The
   * verdict's client address is in canonical form (RFC 5952 for IPv6), or {@code null} when a forwarded
   * hop made it unknowable.
   *
   * @param <R> the web stack's request type
   * @param request the request to check
   * @param view how this guard reads {@code request}
   * @return the verdict: the outcome and the client address it was decided for
   */
  public <R> GuardVerdict check(R request, CallbackRequestView<R> view) {
    String peerAddress = view.peerAddress(request);
    String clientAddress = readsForwardedHeaders ? resolveForwarded(request, view, peerAddress) : peerAddress;
    CallbackOutcome outcome = conclude(request, view, peerAddress, clientAddress);
    return new GuardVerdict(outcome, canonical(clientAddress));
  }

  /**
   * As {@link #check} but returns only the outcome, so that with no trusted proxy an allowed request
   * allocates nothing (the peer address string goes to the allowlist as it is). Logs and observes exactly
   * as {@code check}.
   *
   * @param <R> the web stack's request type
   * @param request the request to check
   * @param view how this guard reads {@code request}
   * @return the outcome of the check
   */
  public <R> CallbackOutcome decide(R request, CallbackRequestView<R> view) {
    String peerAddress = view.peerAddress(request);
    String clientAddress = readsForwardedHeaders ? resolveForwarded(request, view, peerAddress) : peerAddress;
    return conclude(request, view, peerAddress, clientAddress);
  }

  /**
   * The answer to a request with this outcome for the path {@code requestPath}: 403, or 503 with {@code
   * Retry-After}, with the problem body, for the web stack to write.
   *
   * @param outcome the outcome of a request that was not allowed
   * @param requestPath the request's path, the problem body's {@code instance}
   * @return the status, headers and problem body to write
   * @throws IllegalArgumentException when the outcome is {@link CallbackOutcome#ALLOWED}
   */
  public ProblemAnswer answer(CallbackOutcome outcome, String requestPath) {
    return problemAnswers.answer(outcome, requestPath);
  }

  /** The canonical form of an address literal (e.g. {@code ::1}); other text as it is. */
  static @Nullable String canonical(@Nullable String address) {
    IpAddress parsed = address == null ? null : IpAddress.tryParse(address);
    return parsed == null ? address : parsed.toString();
  }

  private <R> @Nullable String resolveForwarded(R request, CallbackRequestView<R> view, @Nullable String peerAddress) {
    if (peerAddress == null) {
      return null;
    }
    return clientAddressResolver.resolve(
        peerAddress, view.headerLines(request, X_FORWARDED_FOR), view.headerLines(request, FORWARDED));
  }

  private <R> CallbackOutcome conclude(
      R request, CallbackRequestView<R> view, @Nullable String peerAddress, @Nullable String clientAddress) {
    AllowlistDecision decision = allowlist.decide(clientAddress);
    CallbackOutcome outcome;
    if (decision == AllowlistDecision.ALLOWED) {
      outcome = CallbackOutcome.ALLOWED;
    } else if (peerAddress == null || !PeerAddressText.isLiteral(peerAddress)) {
      // Fail closed, and say why: the server handed over no address the check can read. Asked only on
      // this path, so an allowed request does not parse its peer twice.
      outcome = CallbackOutcome.PEER_ADDRESS_UNREADABLE;
      rejectionLog.log(outcome, clientAddress, peerAddress, request, view);
    } else {
      // Fail closed: anything but ALLOWED is a rejection.
      outcome = decision == AllowlistDecision.UNAVAILABLE ? CallbackOutcome.UNAVAILABLE : CallbackOutcome.DENIED;
      rejectionLog.log(outcome, clientAddress, peerAddress, request, view);
    }
    tell(outcome);
    return outcome;
  }

  private void tell(CallbackOutcome outcome) {
    try {
      observer.onOutcome(outcome);
    } catch (RuntimeException e) {
      // An observer that throws must not change the answer, nor flood the log.
      if (observerFailureLimiter.tryAcquire()) {
        LOG.error("CallbackObserver {} threw on outcome {}; the request was answered regardless "
            + "(logged at most once a minute)", observer.getClass().getName(), outcome, e);
      }
    }
  }

  /**
   * Checks a {@code Retry-After} for a 503 as every front end's setting takes it.
   *
   * @param retryAfter the {@code Retry-After} asked for
   * @return {@code retryAfter}, when it is at least 1 second
   * @throws IllegalArgumentException when {@code retryAfter} is shorter than 1 second
   */
  public static Duration checkRetryAfter(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "retryAfter is " + retryAfter + "; valid: at least 1 second (PT1S)");
    }
    return retryAfter;
  }
}
