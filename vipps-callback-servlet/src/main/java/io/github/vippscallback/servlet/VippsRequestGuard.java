package io.github.vippscallback.servlet;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.guard.GuardVerdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The check {@link VippsCallbackFilter} applies, usable on its own (the Spring Boot starter builds its
 * security rule on it): find the client address, ask the allowlist, log a denial (rate-limited),
 * tell the observer, and write the 403/503 {@code application/problem+json} answer. The servlet side of
 * a {@link CallbackGuard}, which holds the check itself for every web stack.
 *
 * <p>The client address is {@code getRemoteAddr()}; the {@code X-Forwarded-For} and {@code Forwarded}
 * headers are read only when the {@link ClientAddressResolver} trusts a proxy. With no trusted proxy a
 * check does no DNS, takes no lock and allocates nothing; it never does DNS or locks in any case.
 *
 * <p>Denials are logged at WARN by the guard's logger, {@code io.github.vippscallback.guard.CallbackGuard},
 * rate-limited ({@link CallbackGuard}). Immutable and thread-safe.
 *
 * <p>In {@linkplain EnforcementMode#REPORT_ONLY report-only mode} a request is checked, logged
 * ("would have been denied") and told to the observer exactly as when enforcing, and the verdict is
 * the same; {@link #letsThrough} then says it goes on regardless.
 */
public final class VippsRequestGuard {

  /** The default {@code Retry-After} of a 503: 60 seconds. */
  public static final Duration DEFAULT_RETRY_AFTER = CallbackGuard.DEFAULT_RETRY_AFTER;

  private final CallbackGuard guard;

  private VippsRequestGuard(CallbackGuard guard) {
    this.guard = guard;
  }

  /**
   * The servlet side of {@code guard}: the same check, log, observer and answers.
   *
   * @param guard the web-stack-neutral check
   * @return the servlet guard applying {@code guard}
   */
  public static VippsRequestGuard of(CallbackGuard guard) {
    return new VippsRequestGuard(Objects.requireNonNull(guard, "guard"));
  }

  /**
   * An enforcing guard over {@code allowlist} that finds client addresses with {@code
   * clientAddressResolver}.
   *
   * @param allowlist the allowlist that says which addresses are Vipps' request servers; the caller starts and
   *     closes it
   * @param clientAddressResolver how the client address is found, from the peer address and trusted proxies' headers
   * @param observer told of every outcome; {@link CallbackObserver#NONE} for nobody
   * @param retryAfter the {@code Retry-After} of a 503, at least 1 second (rounded up to whole seconds)
   * @return the guard
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
  public static VippsRequestGuard of(
      VippsAllowlist allowlist,
      ClientAddressResolver clientAddressResolver,
      CallbackObserver observer,
      Duration retryAfter,
      EnforcementMode mode) {
    return new VippsRequestGuard(CallbackGuard.of(allowlist, clientAddressResolver, observer, retryAfter, mode));
  }

  /**
   * The check for every web stack that this guard applies to servlet requests.
   *
   * @return the check shared with the other web stacks
   */
  public CallbackGuard guard() {
    return guard;
  }

  /**
   * Whether this guard enforces its verdicts or only reports them.
   *
   * @return {@link EnforcementMode#ENFORCE} or {@link EnforcementMode#REPORT_ONLY}
   */
  public EnforcementMode mode() {
    return guard.mode();
  }

  /**
   * Whether a request with this verdict goes on: when it is allowed, and in report-only mode always.
   * The verdict itself (and what was logged and observed) is the same in both modes.
   *
   * @param verdict the verdict of {@link #check}
   * @return {@code true} when the request goes on to the application
   */
  public boolean letsThrough(GuardVerdict verdict) {
    return guard.letsThrough(verdict);
  }

  /**
   * As {@link #letsThrough(GuardVerdict)}, for an outcome of {@link #decide}.
   *
   * @param outcome the outcome of {@link #decide}
   * @return {@code true} when the request goes on to the application
   */
  public boolean letsThrough(CallbackOutcome outcome) {
    return guard.letsThrough(outcome);
  }

  /**
   * The allowlist this guard asks.
   *
   * @return the allowlist this guard's check asks
   */
  public VippsAllowlist allowlist() {
    return guard.allowlist();
  }

  /**
   * Checks one request: decides, logs a denial at WARN (rate-limited) and tells the observer.
   * Does not write to the response. The verdict is the same in either mode; ask {@link #letsThrough}
   * whether the request goes on. The verdict's client address is in canonical form (RFC 5952 for
   * IPv6), or {@code null} when a forwarded hop made it unknowable.
   *
   * @param request the request to check
   * @return the verdict: the outcome and the client address it was decided for
   */
  public GuardVerdict check(HttpServletRequest request) {
    return guard.check(request, ServletRequestView.INSTANCE);
  }

  /**
   * Writes the answer to a request that was not allowed: 403, or 503 with {@code Retry-After}, each with
   * an RFC 9457 problem body that does not reveal the allowlist.
   *
   * @param verdict the verdict of {@link #check} for {@code request}
   * @param request the request that was not allowed
   * @param response the response to write the answer to
   * @throws IllegalArgumentException when the verdict allows the request
   * @throws IOException when the answer cannot be written
   */
  public void reject(GuardVerdict verdict, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (verdict.allowed()) {
      throw new IllegalArgumentException("an allowed request is not rejected: " + verdict);
    }
    reject(verdict.outcome(), request, response);
  }

  /**
   * As {@link #check} but returns only the outcome, so that with no trusted proxy an allowed request
   * allocates nothing (the peer address string goes to the allowlist as it is). Logs and observes exactly as
   * {@code check}.
   *
   * @param request the request to check
   * @return the outcome of the check
   */
  public CallbackOutcome decide(HttpServletRequest request) {
    return guard.decide(request, ServletRequestView.INSTANCE);
  }

  /**
   * Writes the answer to a request with this outcome: 403, or 503 with {@code Retry-After}, each with an
   * RFC 9457 problem body that does not reveal the allowlist.
   *
   * @param outcome the outcome of {@link #decide} for {@code request}
   * @param request the request that was not allowed
   * @param response the response to write the answer to
   * @throws IllegalArgumentException when the outcome is {@link CallbackOutcome#ALLOWED}
   * @throws IOException when the answer cannot be written
   */
  public void reject(CallbackOutcome outcome, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ProblemResponse.write(guard.answer(outcome, request.getRequestURI()), response);
  }
}
