package io.github.vippscallback.servlet;

import io.github.vippscallback.allowlist.AllowlistDecision;
import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.allowlist.VippsAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check {@link VippsCallbackFilter} applies, usable on its own (the Spring Boot starter builds its
 * security rule on it): find the client address, ask the allowlist, log a denial (rate-limited),
 * tell the observer, and write the 403/503 {@code application/problem+json} answer.
 *
 * <p>The client address is {@code getRemoteAddr()}; the {@code X-Forwarded-For} and {@code Forwarded}
 * headers are read only when the {@link ClientAddressResolver} trusts a proxy. With no trusted proxy a
 * check does no DNS, takes no lock and allocates nothing; it never does DNS or locks in any case.
 *
 * <p>Denials are logged at WARN by the logger named after this class, at most
 * {@value RejectionLog#DEFAULT_LINES_PER_SECOND} lines a second; the next line logged says how many
 * were suppressed. Immutable and thread-safe.
 *
 * <p>In {@linkplain EnforcementMode#REPORT_ONLY report-only mode} a request is checked, logged
 * ("would have been denied") and told to the observer exactly as when enforcing, and the verdict is
 * the same; {@link #letsThrough} then says it goes on regardless.
 */
public final class VippsRequestGuard {

  /** The default {@code Retry-After} of a 503: 60 seconds. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  static final String FORWARDED = "Forwarded";

  private static final Logger LOG = LoggerFactory.getLogger(VippsRequestGuard.class);

  private final VippsAllowlist allowlist;
  private final ClientAddressResolver clientAddressResolver;
  private final boolean readsForwardedHeaders;
  private final CallbackObserver observer;
  private final ProblemResponse problemResponse;
  private final RejectionLog rejectionLog;
  private final LogRateLimiter observerFailureLimiter;
  private final EnforcementMode mode;
  private final boolean enforces;

  private VippsRequestGuard(
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
    this.problemResponse = new ProblemResponse(retryAfter);
    this.rejectionLog = new RejectionLog(LOG, readsForwardedHeaders, mode, System::nanoTime);
    this.observerFailureLimiter = new LogRateLimiter(1, Duration.ofMinutes(1), System::nanoTime);
  }

  /**
   * An enforcing guard over {@code allowlist} that finds client addresses with {@code
   * clientAddressResolver}.
   *
   * @param observer told of every outcome; {@link CallbackObserver#NONE} for nobody
   * @param retryAfter the {@code Retry-After} of a 503, at least 1 second (rounded up to whole seconds)
   * @throws IllegalArgumentException when {@code retryAfter} is shorter than 1 second
   */
  public static VippsRequestGuard of(
      VippsAllowlist allowlist,
      ClientAddressResolver clientAddressResolver,
      CallbackObserver observer,
      Duration retryAfter) {
    return of(allowlist, clientAddressResolver, observer, retryAfter, EnforcementMode.ENFORCE);
  }

  /**
   * A guard over {@code allowlist} that finds client addresses with {@code clientAddressResolver}, in
   * the given mode.
   *
   * @param observer told of every outcome; {@link CallbackObserver#NONE} for nobody
   * @param retryAfter the {@code Retry-After} of a 503, at least 1 second (rounded up to whole seconds)
   * @param mode {@link EnforcementMode#ENFORCE}, or {@link EnforcementMode#REPORT_ONLY} to log and count
   *     denials but let every request through ({@link #letsThrough})
   * @throws IllegalArgumentException when {@code retryAfter} is shorter than 1 second
   */
  public static VippsRequestGuard of(
      VippsAllowlist allowlist,
      ClientAddressResolver clientAddressResolver,
      CallbackObserver observer,
      Duration retryAfter,
      EnforcementMode mode) {
    Objects.requireNonNull(allowlist, "allowlist");
    Objects.requireNonNull(clientAddressResolver, "clientAddressResolver");
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(mode, "mode");
    return new VippsRequestGuard(allowlist, clientAddressResolver, observer, checkRetryAfter(retryAfter), mode);
  }

  /** Whether this guard enforces its verdicts or only reports them. */
  public EnforcementMode mode() {
    return mode;
  }

  /**
   * Whether a request with this verdict goes on: when it is allowed, and in report-only mode always.
   * The verdict itself (and what was logged and observed) is the same in both modes.
   */
  public boolean letsThrough(GuardVerdict verdict) {
    return !enforces || verdict.allowed();
  }

  /** As {@link #letsThrough(GuardVerdict)}, for the filter's allocation-free path. */
  boolean letsThrough(CallbackOutcome outcome) {
    return !enforces || outcome == CallbackOutcome.ALLOWED;
  }

  /** The allowlist this guard asks. */
  public VippsAllowlist allowlist() {
    return allowlist;
  }

  /**
   * Checks one request: decides, logs a denial at WARN (rate-limited) and tells the observer.
   * Does not write to the response. The verdict is the same in either mode; ask {@link #letsThrough}
   * whether the request goes on. The verdict's client address is in canonical form (RFC 5952 for
   * IPv6), or {@code null} when a forwarded hop made it unknowable.
   */
  public GuardVerdict check(HttpServletRequest request) {
    String peerAddress = request.getRemoteAddr();
    String clientAddress = readsForwardedHeaders ? resolveForwarded(request, peerAddress) : peerAddress;
    CallbackOutcome outcome = conclude(request, peerAddress, clientAddress);
    return new GuardVerdict(outcome, canonical(clientAddress));
  }

  /** The canonical form of an address literal (e.g. {@code ::1}); other text as it is. */
  static @Nullable String canonical(@Nullable String address) {
    IpAddress parsed = address == null ? null : IpAddress.tryParse(address);
    return parsed == null ? address : parsed.toString();
  }

  /**
   * Writes the answer to a request that was not allowed: 403, or 503 with {@code Retry-After}, each with
   * an RFC 9457 problem body that does not reveal the allowlist.
   *
   * @throws IllegalArgumentException when the verdict allows the request
   */
  public void reject(GuardVerdict verdict, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (verdict.allowed()) {
      throw new IllegalArgumentException("an allowed request is not rejected: " + verdict);
    }
    reject(verdict.outcome(), request, response);
  }

  /**
   * The filter's check: as {@link #check} but returns only the outcome, so that with no trusted proxy
   * an allowed request allocates nothing (the peer address string goes to the allowlist as it is).
   */
  CallbackOutcome decide(HttpServletRequest request) {
    String peerAddress = request.getRemoteAddr();
    String clientAddress = readsForwardedHeaders ? resolveForwarded(request, peerAddress) : peerAddress;
    return conclude(request, peerAddress, clientAddress);
  }

  void reject(CallbackOutcome outcome, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    problemResponse.write(outcome, request.getRequestURI(), response);
  }

  /** The {@code Retry-After} header value of a 503, in seconds. */
  String retryAfterSeconds() {
    return problemResponse.retryAfterSeconds();
  }

  private @Nullable String resolveForwarded(HttpServletRequest request, String peerAddress) {
    return clientAddressResolver.resolve(
        peerAddress, values(request.getHeaders(X_FORWARDED_FOR)), values(request.getHeaders(FORWARDED)));
  }

  /** The header's lines; one line (the usual case behind one proxy) costs one small immutable list. */
  private static List<String> values(@Nullable Enumeration<String> headers) {
    if (headers == null || !headers.hasMoreElements()) {
      return List.of();
    }
    String first = headers.nextElement();
    if (!headers.hasMoreElements()) {
      return List.of(first);
    }
    List<String> lines = new ArrayList<>();
    lines.add(first);
    while (headers.hasMoreElements()) {
      lines.add(headers.nextElement());
    }
    return lines;
  }

  private CallbackOutcome conclude(
      HttpServletRequest request, String peerAddress, @Nullable String clientAddress) {
    AllowlistDecision decision = allowlist.decide(clientAddress);
    CallbackOutcome outcome;
    if (decision == AllowlistDecision.ALLOWED) {
      outcome = CallbackOutcome.ALLOWED;
    } else {
      // Fail closed: anything but ALLOWED is a rejection.
      outcome = decision == AllowlistDecision.UNAVAILABLE ? CallbackOutcome.UNAVAILABLE : CallbackOutcome.DENIED;
      rejectionLog.log(outcome, clientAddress, peerAddress, request);
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

  static Duration checkRetryAfter(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "retryAfter is " + retryAfter + "; valid: at least 1 second (PT1S)");
    }
    return retryAfter;
  }
}
