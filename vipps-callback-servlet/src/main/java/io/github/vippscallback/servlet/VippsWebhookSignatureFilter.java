package io.github.vippscallback.servlet;

import io.github.vippscallback.core.WebhookSignatureResult;
import io.github.vippscallback.core.WebhookSignatureVerifier;
import io.github.vippscallback.core.WebhookTarget;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A filter that lets a webhook request through only when Vipps signed it with the webhook's secret
 * ({@link WebhookSignatureVerifier}); 401 with an {@code application/problem+json} body otherwise.
 * Map it to the webhook endpoints only, behind (or in addition to) {@link VippsCallbackFilter}.
 *
 * <p>It reads the body once, up to {@linkplain Builder#maxBodySize a limit} (413 with a problem body
 * above it, also as soon as {@code Content-Length} announces more), checks {@code
 * x-ms-content-sha256} against it, and hands the same bytes on: the servlet or controller reads the
 * exact body through {@code getInputStream()} or {@code getReader()}, as often as it likes.
 *
 * <p>Vipps signs the host, path and query of the URL registered with it. Behind a proxy that is not
 * what the application sees, so configure the {@linkplain Builder#publicUrl public URL}; the request's
 * own path (with context path) and query are appended to its path. Without one, the host is the
 * request's server name and port ({@code Host}).
 *
 * <p>Each refusal is logged at WARN with the reason, method, path and peer address, at most once per
 * 10 seconds (with a count of those left out); the secret and the signature are never logged. Each
 * check is reported to a {@link WebhookSignatureObserver}.
 *
 * <p>Configure it programmatically with {@link #builder(WebhookSignatureVerifier)}, or through the
 * init-parameters named by the {@code PARAM_} constants; a missing or bad one stops {@link #init} with
 * a message that names it (and never echoes the secret).
 */
public final class VippsWebhookSignatureFilter implements Filter {

  /** Init-parameter: the secret Vipps returned when the webhook was registered. Required. */
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

  /** The default largest body: 64 KiB, far above any Vipps webhook event. */
  public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;
  /** The largest {@link Builder#maxBodySize} allowed: 10 MiB. */
  public static final int MAX_MAX_BODY_SIZE = 10 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(VippsWebhookSignatureFilter.class);
  private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final String UNAUTHORIZED_BODY =
      "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
          + "\"detail\":\"The request does not carry a valid Vipps webhook signature.\"}";
  private static final String TOO_LARGE_BODY =
      "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
          + "\"detail\":\"The request body is larger than this endpoint accepts.\"}";

  private @Nullable Settings settings;
  private final AtomicLong nextWarningAt = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressedWarnings = new AtomicLong();

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
    if (settings == null) {
      settings = Settings.from(filterConfig);
    }
  }

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
    if (http.getContentLengthLong() > current.maxBodySize) {
      refuseTooLarge(current, http, httpResponse);
      return;
    }
    byte[] body = http.getInputStream().readNBytes(current.maxBodySize + 1);
    if (body.length > current.maxBodySize) {
      refuseTooLarge(current, http, httpResponse);
      return;
    }
    WebhookSignatureResult result = check(current, http, body);
    current.observer.onSignatureChecked(result);
    if (!result.isValid()) {
      warn(http, result.description());
      write(httpResponse, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED_BODY);
      return;
    }
    chain.doFilter(new VerifiedBodyRequest(http, body), response);
  }

  private static WebhookSignatureResult check(Settings settings, HttpServletRequest request, byte[] body) {
    WebhookTarget target;
    try {
      target = targetOf(settings.publicUrl, request);
    } catch (IllegalArgumentException e) {
      return WebhookSignatureResult.MALFORMED_URL;
    }
    return settings.verifier.verify(
        request.getMethod(),
        target,
        request.getHeader(WebhookSignatureVerifier.DATE_HEADER),
        request.getHeader(WebhookSignatureVerifier.CONTENT_SHA256_HEADER),
        request.getHeader(WebhookSignatureVerifier.AUTHORIZATION_HEADER),
        body);
  }

  /** The host, path and query Vipps signed for this request. */
  static WebhookTarget targetOf(@Nullable WebhookTarget publicUrl, HttpServletRequest request) {
    if (publicUrl != null) {
      return publicUrl.withRequestPath(request.getRequestURI(), request.getQueryString());
    }
    String serverName = request.getServerName();
    if (serverName.indexOf(':') >= 0 && !serverName.startsWith("[")) {
      serverName = "[" + serverName + "]";
    }
    int port = request.getServerPort();
    boolean defaultPort =
        port <= 0
            || (port == 443 && "https".equalsIgnoreCase(request.getScheme()))
            || (port == 80 && "http".equalsIgnoreCase(request.getScheme()));
    String host = defaultPort ? serverName : serverName + ":" + port;
    String query = request.getQueryString();
    String pathAndQuery =
        query == null || query.isEmpty() ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    return WebhookTarget.of(host, pathAndQuery);
  }

  private void refuseTooLarge(Settings settings, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    settings.observer.onBodyTooLarge();
    warn(request, "body larger than " + settings.maxBodySize + " bytes");
    write(response, 413, TOO_LARGE_BODY);
  }

  private void warn(HttpServletRequest request, String reason) {
    long now = System.nanoTime();
    long next = nextWarningAt.get();
    if (now - next < 0 || !nextWarningAt.compareAndSet(next, now + WARNING_INTERVAL_NANOS)) {
      suppressedWarnings.incrementAndGet();
      return;
    }
    if (log.isWarnEnabled()) {
      log.warn(
          "Refused a Vipps webhook request: {}; method={} path={} peer={} x-ms-date={} ({} similar warnings left out)",
          reason,
          printable(request.getMethod()),
          printable(request.getRequestURI()),
          request.getRemoteAddr(),
          printable(request.getHeader(WebhookSignatureVerifier.DATE_HEADER)),
          suppressedWarnings.getAndSet(0));
    }
  }

  /** A hostile header made safe for one log line: printable ASCII only, at most 100 characters. */
  private static String printable(@Nullable String value) {
    if (value == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), 100) + 2).append('\'');
    for (int i = 0; i < value.length() && i < 100; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.append(value.length() > 100 ? "...'" : "'").toString();
  }

  private static void write(HttpServletResponse response, int status, String problem) throws IOException {
    byte[] bytes = problem.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "HMAC-SHA256");
    }
    response.setContentType("application/problem+json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
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
            + current.maxBodySize + ", " + current.verifier + "}";
  }

  /** What a filter was configured with; immutable. */
  private static final class Settings {
    final WebhookSignatureVerifier verifier;
    final @Nullable WebhookTarget publicUrl;
    final int maxBodySize;
    final WebhookSignatureObserver observer;

    Settings(
        WebhookSignatureVerifier verifier,
        @Nullable WebhookTarget publicUrl,
        int maxBodySize,
        WebhookSignatureObserver observer) {
      this.verifier = verifier;
      this.publicUrl = publicUrl;
      this.maxBodySize = maxBodySize;
      this.observer = observer;
    }

    static Settings from(FilterConfig config) throws ServletException {
      String secret = config.getInitParameter(PARAM_WEBHOOK_SECRET);
      if (secret == null || secret.isBlank()) {
        throw new ServletException(
            "Init-parameter '" + PARAM_WEBHOOK_SECRET + "' is "
                + (secret == null ? "missing" : "blank")
                + "; set it to the secret Vipps returned when the webhook was registered");
      }
      WebhookSignatureVerifier.Builder verifier = WebhookSignatureVerifier.builder(secret);
      String window = config.getInitParameter(PARAM_DATE_WINDOW);
      if (window != null) {
        try {
          verifier.dateWindow(parseDuration(window));
        } catch (IllegalArgumentException e) {
          throw new ServletException(
              "Init-parameter '" + PARAM_DATE_WINDOW + "' must be a duration from 1s to 1h such as 5m, 300s"
                  + " or PT5M, but was '" + window + "'", e);
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
      return builder.settings();
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 such as {@code PT5M}. */
    static Duration parseDuration(String text) {
      String value = text.trim().toLowerCase(Locale.ROOT);
      try {
        if (value.startsWith("pt")) {
          return Duration.parse(value);
        }
        if (value.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
          return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.endsWith("m")) {
          return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.endsWith("h")) {
          return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
        }
      } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException(text, e);
      }
      throw new IllegalArgumentException(text);
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

    /** Builds the filter. */
    public VippsWebhookSignatureFilter build() {
      return new VippsWebhookSignatureFilter(settings());
    }

    private Settings settings() {
      return new Settings(verifier, publicUrl, maxBodySize, observer);
    }
  }
}
