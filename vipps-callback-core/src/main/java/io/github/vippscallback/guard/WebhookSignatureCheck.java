package io.github.vippscallback.guard;

import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookTarget;
import io.github.vippscallback.webhook.WebhookVerification;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the Vipps webhook signature check, whatever the web stack runs them: {@code
 * VippsWebhookSignatureFilter} on servlets, the Spring Boot starter's WebFlux filter on Reactor Netty. The
 * stack reads the body; this decides (with any one of the verifier's secrets), logs which secret matched
 * at DEBUG and each refusal at WARN (escaped, as every guard log line: the failed check, the URL verified
 * against, a proxy hint; at most {@value #WARNINGS_PER_SECOND} lines a second, the next line counting
 * those suppressed; never a secret or the signature), tells the {@link CallbackObserver} and
 * builds the 401 or 413 answer. Build one with {@link
 * #builder(WebhookSignatureVerifier)}. Immutable settings, thread-safe.
 *
 * <p>The order a stack follows: {@link #announcesTooLarge} (then {@link #bodyTooLarge}), else {@link
 * #checkHeaders} before reading a byte; when those are valid, read at most {@link #maxBodySize()} {@code
 * + 1} bytes ({@link #bodyTooLarge} above the limit), then {@link #verify}; finally {@link #conclude} with
 * the result, and refuse with {@link #answer} unless {@link #letsThrough} it.
 */
public final class WebhookSignatureCheck {

  /** The most WARN lines a second, as for the address check's denials. */
  public static final int WARNINGS_PER_SECOND = RejectionLog.DEFAULT_LINES_PER_SECOND;
  /** The default largest body: 64 KiB, far above any Vipps webhook event. */
  public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;
  /** The largest {@link Builder#maxBodySize} allowed: 10 MiB. */
  public static final int MAX_MAX_BODY_SIZE = 10 * 1024 * 1024;

  /** One logger for every web stack: {@code io.github.vippscallback.guard.WebhookSignatureCheck}. */
  private static final Logger log = LoggerFactory.getLogger(WebhookSignatureCheck.class);
  /** The problem answers; a 401 or 413 has no {@code Retry-After}, so its value does not matter. */
  private static final ProblemAnswers PROBLEMS = new ProblemAnswers(CallbackGuard.DEFAULT_RETRY_AFTER);

  private final WebhookSignatureVerifier verifier;
  private final @Nullable WebhookTarget publicUrl;
  private final int maxBodySize;
  private final CallbackObserver observer;
  private final EnforcementMode mode;
  private final WebhookRefusalText refusalText;
  private final LogRateLimiter warnings =
      new LogRateLimiter(WARNINGS_PER_SECOND, Duration.ofSeconds(1), System::nanoTime);
  private final LogRateLimiter observerFailures = new LogRateLimiter(1, Duration.ofMinutes(1), System::nanoTime);

  private WebhookSignatureCheck(
      WebhookSignatureVerifier verifier,
      @Nullable WebhookTarget publicUrl,
      int maxBodySize,
      CallbackObserver observer,
      EnforcementMode mode,
      String publicUrlSetting,
      boolean behindTrustedProxy) {
    this.verifier = verifier;
    this.publicUrl = publicUrl;
    this.maxBodySize = maxBodySize;
    this.observer = observer;
    this.mode = mode;
    this.refusalText = WebhookRefusalText.of(mode.enforces(), publicUrl, publicUrlSetting, behindTrustedProxy);
  }

  /**
   * Starts configuring a check with {@code verifier}.
   *
   * @param verifier the verifier holding the webhook secrets
   * @return a builder with the defaults
   */
  public static Builder builder(WebhookSignatureVerifier verifier) {
    return new Builder(verifier);
  }

  /**
   * The largest body accepted, in bytes.
   *
   * @return the limit, in bytes
   */
  public int maxBodySize() {
    return maxBodySize;
  }

  /**
   * Whether a refused request is answered (enforce) or let through after the same log and count.
   *
   * @return {@link EnforcementMode#ENFORCE} or {@link EnforcementMode#REPORT_ONLY}
   */
  public EnforcementMode mode() {
    return mode;
  }

  /**
   * Whether a request announcing this {@code Content-Length} (-1: none) is too large before reading it.
   *
   * @param contentLength the announced length, or -1 when none is announced
   * @return {@code true} when the announced length is over the limit
   */
  public boolean announcesTooLarge(long contentLength) {
    return contentLength > maxBodySize;
  }

  /**
   * Counts and logs a body over the limit; the caller answers 413 ({@link #answer}) when enforcing.
   *
   * @param <R> the web stack's request type
   * @param request the request
   * @param view how this check reads {@code request}
   */
  public <R> void bodyTooLarge(R request, CallbackRequestView<R> view) {
    try {
      observer.onOutcome(CallbackOutcome.BODY_TOO_LARGE);
    } catch (RuntimeException e) {
      observerFailed("a body over the limit", e);
    }
    if (log.isWarnEnabled() && warnings.tryAcquire()) {
      log.warn(refusalText.line("body larger than " + maxBodySize + " bytes", facts(request, view),
          warnings.takeSuppressed()));
    }
  }

  /**
   * The checks that need no body: missing, malformed or stale signature headers fail here.
   *
   * @param <R> the web stack's request type
   * @param request the request
   * @param view how this check reads {@code request}
   * @return {@link WebhookSignatureResult#VALID} when the headers pass, else the first reason they fail
   */
  public <R> WebhookSignatureResult checkHeaders(R request, CallbackRequestView<R> view) {
    return verifier.checkHeaders(
        view.header(request, WebhookSignatureVerifier.DATE_HEADER),
        view.header(request, WebhookSignatureVerifier.CONTENT_SHA256_HEADER),
        view.header(request, WebhookSignatureVerifier.AUTHORIZATION_HEADER));
  }

  /**
   * The whole check against the body read (at most {@link #maxBodySize()} bytes): valid with which of the
   * verifier's secrets, or why not.
   *
   * @param <R> the web stack's request type
   * @param request the request
   * @param view how this check reads {@code request}
   * @param body the body read
   * @return the verification: valid with which secret, or why not
   */
  public <R> WebhookVerification verify(R request, CallbackRequestView<R> view, byte[] body) {
    WebhookTarget target = targetOrNull(request, view);
    if (target == null) {
      return verifier.failure(WebhookSignatureResult.MALFORMED_URL);
    }
    return verifier.check(view.method(request), target,
        view.header(request, WebhookSignatureVerifier.DATE_HEADER),
        view.header(request, WebhookSignatureVerifier.CONTENT_SHA256_HEADER),
        view.header(request, WebhookSignatureVerifier.AUTHORIZATION_HEADER),
        body);
  }

  /**
   * The outcome of a request refused by {@link #checkHeaders} with {@code headers} (not valid).
   *
   * @param headers the result of {@link #checkHeaders}
   * @return the outcome to conclude with
   */
  public WebhookVerification refusal(WebhookSignatureResult headers) {
    return verifier.failure(headers);
  }

  /**
   * As {@link #conclude(Object, CallbackRequestView, WebhookVerification)} for a refusal by {@link #checkHeaders}.
   *
   * @param <R> the web stack's request type
   * @param request the request
   * @param view how this check reads {@code request}
   * @param headers the result of {@link #checkHeaders}
   */
  public <R> void conclude(R request, CallbackRequestView<R> view, WebhookSignatureResult headers) {
    conclude(request, view, verifier.failure(headers));
  }

  /**
   * Tells the observer the outcome; logs which secret matched at DEBUG, or the refusal at WARN
   * (rate-limited).
   *
   * @param <R> the web stack's request type
   * @param request the request
   * @param view how this check reads {@code request}
   * @param verification the outcome of {@link #verify}
   */
  public <R> void conclude(R request, CallbackRequestView<R> view, WebhookVerification verification) {
    try {
      observer.onSignatureChecked(verification.result());
      if (verification.isValid()) {
        observer.onSignatureValid(verification);
      } else {
        observer.onOutcome(CallbackOutcome.SIGNATURE_INVALID);
      }
    } catch (RuntimeException e) {
      observerFailed(verification.result().name(), e);
    }
    if (verification.isValid()) {
      if (log.isDebugEnabled()) {
        WebhookTarget target = targetOrNull(request, view);
        log.debug("Vipps webhook signature valid with {}: method=\"{}\" verified-url=\"{}\"",
            verification.describeSecret(), HostileText.sanitize(view.method(request)),
            target == null ? "-" : HostileText.sanitize(target.url()));
      }
    } else if (log.isWarnEnabled() && warnings.tryAcquire()) {
      // A request refused on its headers alone was verified against no URL: none is shown.
      WebhookSignatureResult result = verification.result();
      boolean urlVerified = result == WebhookSignatureResult.BAD_SIGNATURE
          || result == WebhookSignatureResult.CONTENT_HASH_MISMATCH;
      log.warn(refusalText.line(verification, urlVerified ? targetOrNull(request, view) : null,
          facts(request, view), warnings.takeSuppressed()));
    }
  }

  /**
   * Whether a request with this result goes on: when valid, and in report-only mode always.
   *
   * @param result the result of {@link #checkHeaders}
   * @return {@code true} when the request goes on to the application
   */
  public boolean letsThrough(WebhookSignatureResult result) {
    return result.isValid() || !mode.enforces();
  }

  /**
   * Whether a request with this outcome goes on: when valid, and in report-only mode always.
   *
   * @param verification the outcome of {@link #verify}
   * @return {@code true} when the request goes on to the application
   */
  public boolean letsThrough(WebhookVerification verification) {
    return letsThrough(verification.result());
  }

  /**
   * The 401 (an invalid signature, {@code WWW-Authenticate: HMAC-SHA256}) or 413 (a body over the
   * limit) answer for a request to {@code requestPath}.
   *
   * @param tooLarge {@code true} for the 413, {@code false} for the 401
   * @param requestPath the request's path, the problem body's {@code instance}
   * @return the status, headers and problem body to write
   */
  public ProblemAnswer answer(boolean tooLarge, String requestPath) {
    return PROBLEMS.answer(tooLarge ? CallbackOutcome.BODY_TOO_LARGE : CallbackOutcome.SIGNATURE_INVALID, requestPath);
  }

  /** The host, path and query Vipps signed for this request. */
  <R> WebhookTarget targetOf(R request, CallbackRequestView<R> view) {
    if (publicUrl != null) {
      return publicUrl.withRequestPath(view.path(request), view.rawQuery(request));
    }
    return WebhookTarget.fromRequest(
        view.scheme(request), view.host(request), view.port(request), view.path(request), view.rawQuery(request));
  }

  /** The URL Vipps signed for this request, or {@code null} when its host, path or query cannot be one. */
  private <R> @Nullable WebhookTarget targetOrNull(R request, CallbackRequestView<R> view) {
    try {
      return targetOf(request, view);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What the refusal line says of the request; every value is escaped by {@link WebhookRefusalText}. */
  private static <R> WebhookRefusalText.Request facts(R request, CallbackRequestView<R> view) {
    boolean forwarded = view.header(request, "Forwarded") != null
        || view.header(request, "X-Forwarded-For") != null
        || view.header(request, "X-Forwarded-Host") != null;
    return new WebhookRefusalText.Request(view.peerAddress(request), view.method(request), view.path(request),
        view.header(request, WebhookSignatureVerifier.DATE_HEADER), view.header(request, "Host"), forwarded);
  }

  /** An observer that throws must not change the answer, nor flood the log. */
  private void observerFailed(String what, RuntimeException e) {
    if (observerFailures.tryAcquire()) {
      log.error("CallbackObserver {} threw on {}; the request was answered regardless"
          + " (logged at most once a minute)", observer.getClass().getName(), what, e);
    }
  }

  @Override
  public String toString() {
    return "publicUrl=" + publicUrl + ", maxBodySize=" + maxBodySize + ", mode=" + mode.value() + ", " + verifier;
  }

  /** Configures a {@link WebhookSignatureCheck}. */
  public static final class Builder {

    private final WebhookSignatureVerifier verifier;
    private @Nullable WebhookTarget publicUrl;
    private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
    private CallbackObserver observer = CallbackObserver.NONE;
    private EnforcementMode mode = EnforcementMode.ENFORCE;
    private String publicUrlSetting = "init-parameter public-url";
    private boolean behindTrustedProxy;

    private Builder(WebhookSignatureVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The public base URL Vipps calls, e.g. {@code https://shop.example.com} (or {@code
     * https://example.com/shop} when a proxy strips {@code /shop}); each request's path (with context
     * path) and query are appended to its path. Default: the request's own host.
     *
     * @param publicUrl the public base URL, {@code http} or {@code https}
     * @return this builder
     * @throws IllegalArgumentException unless an http(s) URL with a host and no query or fragment
     */
    public Builder publicUrl(String publicUrl) {
      this.publicUrl = WebhookTarget.parsePublicUrl(publicUrl);
      return this;
    }

    /**
     * The largest body accepted, in bytes; larger requests get 413. Default {@link
     * #DEFAULT_MAX_BODY_SIZE}.
     *
     * @param maxBodySize the largest body, in bytes
     * @return this builder
     * @throws IllegalArgumentException unless from 1 to {@link #MAX_MAX_BODY_SIZE}
     */
    public Builder maxBodySize(int maxBodySize) {
      if (maxBodySize < 1 || maxBodySize > MAX_MAX_BODY_SIZE) {
        throw new IllegalArgumentException(
            "maxBodySize must be from 1 to " + MAX_MAX_BODY_SIZE + " bytes, but was " + maxBodySize);
      }
      this.maxBodySize = maxBodySize;
      return this;
    }

    /**
     * Who is told of each check; default: nobody.
     *
     * @param observer the observer; {@link CallbackObserver#NONE} for nobody
     * @return this builder
     */
    public Builder observer(CallbackObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * {@link EnforcementMode#ENFORCE} (the default), or {@link EnforcementMode#REPORT_ONLY} to log and
     * count every request that would be refused but let it through.
     *
     * @param mode the enforcement mode
     * @return this builder
     */
    public Builder mode(EnforcementMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Tells the check that the application trusts a proxy in front of it, so that, when no {@linkplain
     * #publicUrl public URL} is set, a refused signature's log line says the proxy may have changed the
     * host or path Vipps signed. Requests that carry forwarded headers get that hint regardless. Default
     * {@code false}.
     *
     * @param behindTrustedProxy whether requests arrive through a trusted proxy
     * @return this builder
     */
    public Builder behindTrustedProxy(boolean behindTrustedProxy) {
      this.behindTrustedProxy = behindTrustedProxy;
      return this;
    }

    /**
     * The public URL setting as the user writes it, named in the hints of refusal log lines; default
     * {@code init-parameter public-url}. The Spring Boot starter names its property.
     *
     * @param name the setting's name, as log lines should show it
     * @return this builder
     */
    public Builder publicUrlSetting(String name) {
      this.publicUrlSetting = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Builds the check.
     *
     * @return the check
     */
    public WebhookSignatureCheck build() {
      return new WebhookSignatureCheck(
          verifier, publicUrl, maxBodySize, observer, mode, publicUrlSetting, behindTrustedProxy);
    }
  }
}
