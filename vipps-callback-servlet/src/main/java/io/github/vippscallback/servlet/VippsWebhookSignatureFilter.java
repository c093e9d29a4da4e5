package io.github.vippscallback.servlet;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.settings.SettingException;
import io.github.vippscallback.settings.SettingReader;
import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * <p>Each refusal is logged at WARN (logger {@code io.github.vippscallback.guard.WebhookSignatureCheck}) with the
 * check that failed (for a signature that matched no secret, how many were tried), the URL reconstructed
 * and verified against, the peer address, method, path, {@code Host} and {@code x-ms-date}, and a hint
 * when a proxy is the likely cause; at most 5 lines a second (the next line counts those suppressed);
 * the secrets and the signature are never logged. Each
 * check is reported to the same {@link CallbackObserver} the address check tells: a refusal as {@link
 * CallbackOutcome#SIGNATURE_INVALID} or {@link CallbackOutcome#BODY_TOO_LARGE}, each checked signature's
 * result to {@link CallbackObserver#onSignatureChecked}, and which secret matched to {@link
 * CallbackObserver#onSignatureValid}.
 *
 * <p>In {@linkplain EnforcementMode#REPORT_ONLY report-only mode} ({@link Builder#mode}, init-parameter
 * {@value #PARAM_MODE}) every check runs, is logged ("would have been refused") and observed as when
 * enforcing, but the request goes on: with the body it read, or untouched when it read none; a body
 * over the limit goes on whole, the bytes already read followed by the rest of the stream.
 *
 * <p>Configure it programmatically with {@link #builder(WebhookSignatureVerifier)}, or through the
 * init-parameters named by the {@code PARAM_} constants, one way only: a filter made by the builder
 * refuses its init-parameters in {@link #init}, as {@link VippsCallbackFilter} does. A missing or bad
 * init-parameter stops {@link #init} with a message that names it, the value and what is valid (and never
 * echoes the secret); the init-parameters are read through the core's settings table ({@link
 * io.github.vippscallback.settings.Setting}), as {@link VippsCallbackFilter}'s are.
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

  /** Every init-parameter the filter reads, in the settings table's order. */
  static final List<String> INIT_PARAMETERS = Setting.in(Setting.Spelling.INIT_PARAMETER).stream()
      .filter(Setting::configuresSignatureCheck)
      .map(setting -> Objects.requireNonNull(setting.nameIn(Setting.Spelling.INIT_PARAMETER)))
      .toList();

  /** The default largest body: 64 KiB, far above any Vipps webhook event. */
  public static final int DEFAULT_MAX_BODY_SIZE = WebhookSignatureCheck.DEFAULT_MAX_BODY_SIZE;
  /** The largest {@link Builder#maxBodySize} allowed: 10 MiB. */
  public static final int MAX_MAX_BODY_SIZE = WebhookSignatureCheck.MAX_MAX_BODY_SIZE;

  /** The most WARN lines a second, as for {@link VippsCallbackFilter}'s denials. */
  static final int WARNINGS_PER_SECOND = WebhookSignatureCheck.WARNINGS_PER_SECOND;

  private static final Logger log = LoggerFactory.getLogger(VippsWebhookSignatureFilter.class);

  private volatile @Nullable WebhookSignatureCheck settings;

  /** For configuration through init-parameters. */
  public VippsWebhookSignatureFilter() {
    this.settings = null;
  }

  private VippsWebhookSignatureFilter(WebhookSignatureCheck settings) {
    this.settings = settings;
  }

  /**
   * A filter applying {@code check}, e.g. one shared with another web stack's filter.
   *
   * @param check the signature check to apply
   * @return the filter
   */
  public static VippsWebhookSignatureFilter of(WebhookSignatureCheck check) {
    return new VippsWebhookSignatureFilter(Objects.requireNonNull(check, "check"));
  }

  /**
   * Starts configuring a filter that checks signatures with {@code verifier}.
   *
   * @param verifier the verifier holding the webhook secrets
   * @return a builder with the defaults
   */
  public static Builder builder(WebhookSignatureVerifier verifier) {
    return new Builder(verifier);
  }

  /**
   * Reads the init-parameters. A filter made by {@link #builder} reads none: given one of this filter's
   * init-parameters it fails rather than ignore it, as {@link VippsCallbackFilter} does.
   *
   * @throws ServletException when an init-parameter is missing or bad (the message names it), or when a
   *     filter made by {@link #builder} is given init-parameters
   */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    WebhookSignatureCheck current = settings;
    if (current != null) {
      List<String> present = new ArrayList<>();
      for (String name : Collections.list(filterConfig.getInitParameterNames())) {
        if (INIT_PARAMETERS.contains(name)) {
          present.add(name);
        }
      }
      if (!present.isEmpty()) {
        throw new ServletException("VippsWebhookSignatureFilter '" + filterConfig.getFilterName()
            + "' was configured with VippsWebhookSignatureFilter.builder(...), so its init-parameters "
            + present + " would be ignored; configure it one way only");
      }
    } else {
      current = fromInitParameters(filterConfig);
      settings = current;
    }
    if (!current.mode().enforces()) {
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
    WebhookSignatureCheck current = settings;
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
    ServletRequestView view = ServletRequestView.INSTANCE;
    boolean enforces = current.mode().enforces();
    if (current.announcesTooLarge(http.getContentLengthLong())) {
      current.bodyTooLarge(http, view);
      if (enforces) {
        ProblemResponse.write(current.answer(true, http.getRequestURI()), httpResponse);
      } else {
        chain.doFilter(request, response); // Nothing was read: the request goes on untouched.
      }
      return;
    }
    // Refuse what cannot be signed before reading a byte of the body.
    WebhookSignatureResult headers = current.checkHeaders(http, view);
    ServletRequest next = request;
    WebhookVerification verification;
    if (!headers.isValid()) {
      verification = current.refusal(headers);
    } else {
      byte[] body = http.getInputStream().readNBytes(current.maxBodySize() + 1);
      if (body.length > current.maxBodySize()) {
        current.bodyTooLarge(http, view);
        if (enforces) {
          ProblemResponse.write(current.answer(true, http.getRequestURI()), httpResponse);
        } else {
          // Never buffered whole: the bytes read, then the rest of the stream.
          chain.doFilter(new PrefixedBodyRequest(http, body), response);
        }
        return;
      }
      verification = current.verify(http, view, body);
      next = new BufferedBodyRequest(http, body);
    }
    current.conclude(http, view, verification);
    if (!current.letsThrough(verification)) {
      ProblemResponse.write(current.answer(false, http.getRequestURI()), httpResponse);
      return;
    }
    chain.doFilter(next, response);
  }

  @Override
  public void destroy() {
    // Holds nothing that needs closing.
  }

  @Override
  public String toString() {
    WebhookSignatureCheck current = settings;
    return current == null
        ? "VippsWebhookSignatureFilter{not initialised}"
        : "VippsWebhookSignatureFilter{" + current + "}";
  }

  /**
   * Reads the init-parameters through the core's settings table, refusing a bad one in the words {@link
   * VippsCallbackFilter} uses: {@code VippsWebhookSignatureFilter 'name': init-parameter 'x' has the bad value
   * 'y': ...; valid: ...}, never with a secret.
   */
  private static WebhookSignatureCheck fromInitParameters(FilterConfig config) throws ServletException {
    SettingReader reader = SettingReader.of(Setting.Spelling.INIT_PARAMETER, config::getInitParameter);
    try {
      return reader.webhookSignatureCheck("the secrets of filter " + config.getFilterName()).build();
    } catch (SettingException e) {
      throw new ServletException(
          "VippsWebhookSignatureFilter '" + config.getFilterName() + "': " + InitParameters.describe(e), e);
    }
  }

  /** Configures a {@link VippsWebhookSignatureFilter} programmatically. */
  public static final class Builder {

    private final WebhookSignatureCheck.Builder check;

    private Builder(WebhookSignatureVerifier verifier) {
      this.check = WebhookSignatureCheck.builder(verifier);
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
      check.publicUrl(publicUrl);
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
      check.maxBodySize(maxBodySize);
      return this;
    }

    /**
     * Who is told of each check; default: nobody.
     *
     * @param observer the observer; {@link CallbackObserver#NONE} for nobody
     * @return this builder
     */
    public Builder observer(CallbackObserver observer) {
      check.observer(observer);
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
      check.mode(mode);
      return this;
    }

    /**
     * As {@link WebhookSignatureCheck.Builder#behindTrustedProxy}.
     *
     * @param behindTrustedProxy whether requests arrive through a trusted proxy
     * @return this builder
     */
    public Builder behindTrustedProxy(boolean behindTrustedProxy) {
      check.behindTrustedProxy(behindTrustedProxy);
      return this;
    }

    /**
     * As {@link WebhookSignatureCheck.Builder#publicUrlSetting}.
     *
     * @param name the setting's name, as errors should show it
     * @return this builder
     */
    public Builder publicUrlSetting(String name) {
      check.publicUrlSetting(name);
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     */
    public VippsWebhookSignatureFilter build() {
      return new VippsWebhookSignatureFilter(check.build());
    }

  }
}
