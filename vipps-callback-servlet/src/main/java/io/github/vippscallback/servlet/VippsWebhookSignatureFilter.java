package io.github.vippscallback.servlet;

import io.github.vippscallback.webhook.WebhookRefusalText;
import io.github.vippscallback.webhook.WebhookSecret;
import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookTarget;
import io.github.vippscallback.webhook.WebhookVerification;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A filter that lets a webhook request through only when Vipps signed it with one of the webhook's
 * secrets ({@link WebhookSignatureVerifier}); 401 with an {@code application/problem+json} body
 * otherwise. Map it to the webhook endpoints only, behind (or in addition to) {@link
 * VippsCallbackFilter}. While a secret is rotated (a second webhook registration on the same URL, then
 * the old one deleted) give it both secrets: {@code webhook-secret} takes a comma-separated list, each
 * optionally labelled ({@code old:<secret>,new:<secret>}); which one matched is logged at DEBUG and told
 * to the observer, never the secret.
 *
 * <p>Requests without well-formed, fresh signature headers are refused before their body is read.
 * Otherwise it reads the body once, up to {@linkplain Builder#maxBodySize a limit} (413 with a
 * problem body above it, also as soon as {@code Content-Length} announces more), checks {@code
 * x-ms-content-sha256} against it, and hands the same bytes on: the servlet or controller reads the
 * exact body through {@code getInputStream()} or {@code getReader()}, as often as it likes. An {@code
 * ASYNC} dispatch continues a request already checked on its first dispatch, and passes unchecked.
 *
 * <p>Vipps signs the host, path and query of the URL registered with it. Behind a proxy that is not
 * what the application sees, so configure the {@linkplain Builder#publicUrl public URL}; the request's
 * own path (with context path) and query are appended to its path. Without one, the host is the
 * request's server name and port ({@code Host}).
 *
 * <p>Each refusal is logged at WARN ({@link WebhookRefusalText}) with the check that failed (for a
 * signature that matched no secret, how many were tried), the URL reconstructed and verified against,
 * the peer address, method, path, {@code Host} and {@code x-ms-date}, and a hint when a proxy is the
 * likely cause; at most 5 lines a second (the next line counts those suppressed); the secrets and the
 * signature are never logged. Each
 * check is reported to a {@link WebhookSignatureObserver}; {@link
 * WebhookSignatureObserver#forwardingTo(CallbackObserver)} counts refusals as {@link
 * CallbackOutcome#SIGNATURE_INVALID} and {@link CallbackOutcome#BODY_TOO_LARGE}.
 *
 * <p>In {@linkplain EnforcementMode#REPORT_ONLY report-only mode} ({@link Builder#mode}, init-parameter
 * {@value #PARAM_MODE}) every check runs, is logged ("would have been refused") and observed as when
 * enforcing, but the request goes on: with the body it read, or untouched when it read none; a body
 * over the limit goes on whole, the bytes already read followed by the rest of the stream.
 *
 * <p>Configure it programmatically with {@link #builder(WebhookSignatureVerifier)}, or through the
 * init-parameters named by the {@code PARAM_} constants; a missing or bad one stops {@link #init} with
 * a message that names it (and never echoes the secret).
 */
public final class VippsWebhookSignatureFilter implements Filter {

  /**
   * Init-parameter: the secret Vipps returned when the webhook was registered, or several separated by
   * commas (one per registration calling this URL), each optionally preceded by a label and a colon,
   * e.g. {@code old:<secret>,new:<secret>}. Required.
   */
  public static final String PARAM_WEBHOOK_SECRET = "webhook-secret";
  /**
   * Init-parameter: the public base URL Vipps calls, e.g. {@code https://shop.example.com}, when a
   * proxy stands between; default: the request's own host.
   */
  public static final String PARAM_PUBLIC_URL = "public-url";
  /** Init-parameter: the largest body accepted, e.g. {@code 65536}, {@code 64KB} or {@code 1MB}. */
  public static final String PARAM_MAX_BODY_SIZE = "max-body-size";
  /** Init-parameter: how far {@code x-ms-date} may be from the clock, e.g. {@code 5m} or {@code PT5M}. */
  public static final String PARAM_DATE_WINDOW = "date-window";
  /**
   * Init-parameter: {@code enforce} (the default) or {@code report-only}, which logs and counts every
   * request that would be refused but lets it through.
   */
  public static final String PARAM_MODE = "mode";

  /** The default largest body: 64 KiB, far above any Vipps webhook event. */
  public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;
  /** The largest {@link Builder#maxBodySize} allowed: 10 MiB. */
  public static final int MAX_MAX_BODY_SIZE = 10 * 1024 * 1024;

  /** The most WARN lines a second, as for {@link VippsCallbackFilter}'s denials. */
  static final int WARNINGS_PER_SECOND = RejectionLog.DEFAULT_LINES_PER_SECOND;

  private static final Logger log = LoggerFactory.getLogger(VippsWebhookSignatureFilter.class);
  private static final byte[] EMPTY = new byte[0];
  /** The problem answers; a 401 or 413 has no {@code Retry-After}, so its value does not matter. */
  private static final ProblemResponse PROBLEMS = new ProblemResponse(VippsRequestGuard.DEFAULT_RETRY_AFTER);

  private volatile @Nullable Settings settings;
  private final LogRateLimiter warnings =
      new LogRateLimiter(WARNINGS_PER_SECOND, Duration.ofSeconds(1), System::nanoTime);
  private final LogRateLimiter observerFailures =
      new LogRateLimiter(1, Duration.ofMinutes(1), System::nanoTime);

  /** For configuration through init-parameters. */
  public VippsWebhookSignatureFilter() {
    this.settings = null;
  }

  private VippsWebhookSignatureFilter(Settings settings) {
    this.settings = settings;
  }

  /** Starts configuring a filter that checks signatures with {@code verifier}. */
  public static Builder builder(WebhookSignatureVerifier verifier) {
    return new Builder(verifier);
  }

  /**
   * Reads the init-parameters, unless the filter was built with {@link #builder}, whose settings win.
   *
   * @throws ServletException when an init-parameter is missing or bad; the message names it
   */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    Settings current = settings;
    if (current == null) {
      current = Settings.from(filterConfig);
      settings = current;
    }
    if (!current.mode.enforces()) {
      log.warn("VippsWebhookSignatureFilter '{}' is in report-only mode: webhooks without a valid signature are"
          + " logged and counted but let through; set mode to enforce once the logs show no wrong refusals",
          filterConfig.getFilterName());
    }
  }

  /**
   * Passes a request with a valid signature on with the body it read; answers any other with 401 or
   * 413 and an {@code application/problem+json} body, without calling the chain. In report-only mode
   * every request goes on, after the same check, log and observation.
   *
   * @throws ServletException when the filter was not initialised, or the request is not HTTP
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Settings current = settings;
    if (current == null) {
      throw new ServletException(
          "VippsWebhookSignatureFilter was not initialised: build it with builder(...) or let the container call init");
    }
    if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
      throw new ServletException("VippsWebhookSignatureFilter guards HTTP requests only");
    }
    if (http.getDispatcherType() == DispatcherType.ASYNC) {
      // The continuation of a request checked on its first dispatch: its body is gone, nothing to check.
      chain.doFilter(request, response);
      return;
    }
    boolean enforces = current.mode.enforces();
    if (http.getContentLengthLong() > current.maxBodySize) {
      tooLarge(current, http);
      if (enforces) {
        PROBLEMS.write(CallbackOutcome.BODY_TOO_LARGE, http.getRequestURI(), httpResponse);
      } else {
        chain.doFilter(request, response); // Nothing was read: the request goes on untouched.
      }
      return;
    }
    String date = http.getHeader(WebhookSignatureVerifier.DATE_HEADER);
    String contentSha256 = http.getHeader(WebhookSignatureVerifier.CONTENT_SHA256_HEADER);
    String authorization = http.getHeader(WebhookSignatureVerifier.AUTHORIZATION_HEADER);
    // Refuse what cannot be signed before reading a byte of the body.
    WebhookSignatureResult headers = current.verifier.checkHeaders(date, contentSha256, authorization);
    ServletRequest next = request;
    WebhookVerification verification;
    @Nullable WebhookTarget target = null;
    if (!headers.isValid()) {
      verification = current.verifier.failure(headers);
    } else {
      byte[] body = http.getInputStream().readNBytes(current.maxBodySize + 1);
      if (body.length > current.maxBodySize) {
        tooLarge(current, http);
        if (enforces) {
          PROBLEMS.write(CallbackOutcome.BODY_TOO_LARGE, http.getRequestURI(), httpResponse);
        } else {
          // Never buffered whole: the bytes read, then the rest of the stream.
          chain.doFilter(new PrefixedBodyRequest(http, body), response);
        }
        return;
      }
      target = targetOrNull(current.publicUrl, http);
      verification = target == null
          ? current.verifier.failure(WebhookSignatureResult.MALFORMED_URL)
          : current.verifier.check(http.getMethod(), target, date, contentSha256, authorization, body);
      next = new BufferedBodyRequest(http, body);
    }
    tell(current.observer, verification);
    if (verification.isValid()) {
      if (log.isDebugEnabled()) {
        log.debug("Vipps webhook signature valid with {}: method=\"{}\" verified-url=\"{}\"",
            verification.describeSecret(), HostileText.sanitize(http.getMethod()),
            target == null ? "-" : HostileText.sanitize(target.url()));
      }
    } else {
      refused(current, http, verification, target);
      if (enforces) {
        PROBLEMS.write(CallbackOutcome.SIGNATURE_INVALID, http.getRequestURI(), httpResponse);
        return;
      }
    }
    chain.doFilter(next, response);
  }

  /** The URL Vipps signed for this request, or {@code null} when its host, path or query cannot be one. */
  private static @Nullable WebhookTarget targetOrNull(@Nullable WebhookTarget publicUrl, HttpServletRequest request) {
    try {
      return targetOf(publicUrl, request);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The host, path and query Vipps signed for this request. */
  static WebhookTarget targetOf(@Nullable WebhookTarget publicUrl, HttpServletRequest request) {
    if (publicUrl != null) {
      return publicUrl.withRequestPath(request.getRequestURI(), request.getQueryString());
    }
    return WebhookTarget.fromRequest(
        request.getScheme(),
        request.getServerName(),
        request.getServerPort(),
        request.getRequestURI(),
        request.getQueryString());
  }

  private void tooLarge(Settings settings, HttpServletRequest request) {
    try {
      settings.observer.onBodyTooLarge();
    } catch (RuntimeException e) {
      observerFailed(settings.observer, "a body over the limit", e);
    }
    if (log.isWarnEnabled() && warnings.tryAcquire()) {
      log.warn(settings.refusalText.line(
          "body larger than " + settings.maxBodySize + " bytes", facts(request), warnings.takeSuppressed()));
    }
  }

  private void refused(
      Settings settings, HttpServletRequest request, WebhookVerification verification, @Nullable WebhookTarget target) {
    if (!log.isWarnEnabled() || !warnings.tryAcquire()) {
      return;
    }
    // A request refused on its headers was verified against no URL: none is shown.
    log.warn(settings.refusalText.line(verification, target, facts(request), warnings.takeSuppressed()));
  }

  /** What the refusal line says of the request; every value is escaped by {@link WebhookRefusalText}. */
  private static WebhookRefusalText.Request facts(HttpServletRequest request) {
    String host = request.getHeader("Host");
    boolean forwarded = request.getHeader(VippsRequestGuard.FORWARDED) != null
        || request.getHeader(VippsRequestGuard.X_FORWARDED_FOR) != null
        || request.getHeader("X-Forwarded-Host") != null;
    return new WebhookRefusalText.Request(request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
        request.getHeader(WebhookSignatureVerifier.DATE_HEADER), host, forwarded);
  }

  private void tell(WebhookSignatureObserver observer, WebhookVerification verification) {
    try {
      observer.onVerified(verification);
    } catch (RuntimeException e) {
      observerFailed(observer, verification.result().name(), e);
    }
  }

  /** An observer that throws must not change the answer, nor flood the log. */
  private void observerFailed(WebhookSignatureObserver observer, String what, RuntimeException e) {
    if (observerFailures.tryAcquire()) {
      log.error("WebhookSignatureObserver {} threw on {}; the request was answered regardless"
          + " (logged at most once a minute)", observer.getClass().getName(), what, e);
    }
  }

  @Override
  public void destroy() {
    // Holds nothing that needs closing.
  }

  @Override
  public String toString() {
    Settings current = settings;
    return current == null
        ? "VippsWebhookSignatureFilter{not initialised}"
        : "VippsWebhookSignatureFilter{publicUrl=" + current.publicUrl + ", maxBodySize="
            + current.maxBodySize + ", mode=" + current.mode.value() + ", " + current.verifier + "}";
  }

  /** What a filter was configured with; immutable. */
  private static final class Settings {
    final WebhookSignatureVerifier verifier;
    final @Nullable WebhookTarget publicUrl;
    final int maxBodySize;
    final WebhookSignatureObserver observer;
    final EnforcementMode mode;
    final WebhookRefusalText refusalText;

    Settings(
        WebhookSignatureVerifier verifier,
        @Nullable WebhookTarget publicUrl,
        int maxBodySize,
        WebhookSignatureObserver observer,
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

    static Settings from(FilterConfig config) throws ServletException {
      String secret = config.getInitParameter(PARAM_WEBHOOK_SECRET);
      if (secret == null || secret.isBlank()) {
        throw new ServletException(
            "Init-parameter '" + PARAM_WEBHOOK_SECRET + "' is "
                + (secret == null ? "missing" : "blank")
                + "; set it to the secret Vipps returned when the webhook was registered");
      }
      WebhookSignatureVerifier.Builder verifier;
      try {
        verifier = WebhookSignatureVerifier.builder(WebhookSecret.parseList(secret))
            .name("the secrets of filter " + config.getFilterName());
      } catch (IllegalArgumentException e) {
        // The message names the entry by position, never by its text.
        throw new ServletException("Init-parameter '" + PARAM_WEBHOOK_SECRET + "' must be one or more secrets"
            + " separated by commas, each optionally labelled (old:<secret>,new:<secret>): " + e.getMessage(), e);
      }
      String window = config.getInitParameter(PARAM_DATE_WINDOW);
      if (window != null) {
        try {
          verifier.dateWindow(DurationText.parse(window));
        } catch (IllegalArgumentException e) {
          throw new ServletException(
              "Init-parameter '" + PARAM_DATE_WINDOW + "' must be a duration from 1s to 1h such as 5m, 300s"
                  + " or PT5M, but was '" + window + "': " + e.getMessage(), e);
        }
      }
      Builder builder = new Builder(verifier.build());
      String publicUrl = config.getInitParameter(PARAM_PUBLIC_URL);
      if (publicUrl != null) {
        try {
          builder.publicUrl(publicUrl);
        } catch (IllegalArgumentException e) {
          throw new ServletException(
              "Init-parameter '" + PARAM_PUBLIC_URL + "' must be an http(s) URL without query, such as"
                  + " https://shop.example.com, but was '" + publicUrl + "': " + e.getMessage(), e);
        }
      }
      String maxBodySize = config.getInitParameter(PARAM_MAX_BODY_SIZE);
      if (maxBodySize != null) {
        try {
          builder.maxBodySize(parseSize(maxBodySize));
        } catch (IllegalArgumentException e) {
          throw new ServletException(
              "Init-parameter '" + PARAM_MAX_BODY_SIZE + "' must be a size from 1 byte to 10MB such as 65536,"
                  + " 64KB or 1MB, but was '" + maxBodySize + "'", e);
        }
      }
      String mode = config.getInitParameter(PARAM_MODE);
      if (mode != null) {
        try {
          builder.mode(EnforcementMode.parse(mode));
        } catch (IllegalArgumentException e) {
          throw new ServletException(
              "Init-parameter '" + PARAM_MODE + "' must be one of " + EnforcementMode.VALID_VALUES
                  + ", but was '" + HostileText.sanitize(mode) + "'", e);
        }
      }
      return builder.settings();
    }

    /** {@code 65536}, {@code 64KB} or {@code 1MB} (binary units). */
    static int parseSize(String text) {
      String value = text.trim().toUpperCase(Locale.ROOT);
      long unit = 1;
      if (value.endsWith("KB")) {
        unit = 1024;
        value = value.substring(0, value.length() - 2);
      } else if (value.endsWith("MB")) {
        unit = 1024 * 1024;
        value = value.substring(0, value.length() - 2);
      } else if (value.endsWith("B")) {
        value = value.substring(0, value.length() - 1);
      }
      try {
        long size = Math.multiplyExact(Long.parseLong(value.trim()), unit);
        if (size < 1 || size > MAX_MAX_BODY_SIZE) {
          throw new IllegalArgumentException(text);
        }
        return (int) size;
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(text, e);
      }
    }
  }

  /** Configures a {@link VippsWebhookSignatureFilter} programmatically. */
  public static final class Builder {

    private final WebhookSignatureVerifier verifier;
    private @Nullable WebhookTarget publicUrl;
    private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
    private WebhookSignatureObserver observer = WebhookSignatureObserver.NONE;
    private EnforcementMode mode = EnforcementMode.ENFORCE;
    private String publicUrlSetting = "init-parameter " + PARAM_PUBLIC_URL;
    private boolean behindTrustedProxy;

    private Builder(WebhookSignatureVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The public base URL Vipps calls, e.g. {@code https://shop.example.com} (or {@code
     * https://example.com/shop} when a proxy strips {@code /shop}); each request's path (with context
     * path) and query are appended to its path. Default: the request's own host.
     *
     * @throws IllegalArgumentException unless an http(s) URL with a host and no query or fragment
     */
    public Builder publicUrl(String publicUrl) {
      WebhookTarget base = WebhookTarget.parse(publicUrl);
      if (base.pathAndQuery().indexOf('?') >= 0) {
        throw new IllegalArgumentException(
            "publicUrl must have no query, such as https://shop.example.com, but was '" + publicUrl + "'");
      }
      this.publicUrl = base;
      return this;
    }

    /**
     * The largest body accepted, in bytes; larger requests get 413. Default {@link
     * #DEFAULT_MAX_BODY_SIZE}.
     *
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

    /** Who is told of each check; default: nobody. */
    public Builder observer(WebhookSignatureObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * {@link EnforcementMode#ENFORCE} (the default), or {@link EnforcementMode#REPORT_ONLY} to log and
     * count every request that would be refused but let it through.
     */
    public Builder mode(EnforcementMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Tells the filter that the application trusts a proxy in front of it, so that, when no {@linkplain
     * #publicUrl public URL} is set, a refused signature's log line says the proxy may have changed the
     * host or path Vipps signed. Requests that carry forwarded headers get that hint regardless. Default
     * {@code false}.
     */
    public Builder behindTrustedProxy(boolean behindTrustedProxy) {
      this.behindTrustedProxy = behindTrustedProxy;
      return this;
    }

    /**
     * The public URL setting as the user writes it, named in the hints of refusal log lines; default
     * {@code init-parameter public-url}. The Spring Boot starter names its property.
     */
    public Builder publicUrlSetting(String name) {
      this.publicUrlSetting = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Builds the filter. */
    public VippsWebhookSignatureFilter build() {
      return new VippsWebhookSignatureFilter(settings());
    }

    private Settings settings() {
      return new Settings(verifier, publicUrl, maxBodySize, observer, mode, publicUrlSetting, behindTrustedProxy);
    }
  }
}
