package io.github.vippscallback.servlet;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.EnforcementMode;
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
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A filter that lets a request through only when its client address is one of the Vipps request
 * servers of the configured environment; 403 otherwise, or 503 with {@code Retry-After} while nothing
 * is resolved.
 *
 * <p>Configure it programmatically with {@link #builder(VippsAllowlist)}, or with no code through
 * init-parameters ({@code web.xml} or {@code ServletContext.addFilter}) named by the {@code PARAM_}
 * constants; a missing or bad init-parameter stops {@link #init} with a message naming it. A filter
 * configured by init-parameters builds, starts and (in {@link #destroy}) closes its own allowlist;
 * {@link VippsCallbackStartup} starts it when the application is deployed instead, so that a container
 * that initialises filters at their first request (Undertow) does not answer that request 503.
 *
 * <p>An allowed request goes down the chain untouched. A denied one gets a 403 and an unavailable one a
 * 503, each with an RFC 9457 {@code application/problem+json} body that names neither the allowlist nor
 * the client address; the chain is not called. See {@link VippsRequestGuard} for the check itself.
 *
 * <p>In {@linkplain EnforcementMode#REPORT_ONLY report-only mode} ({@link Builder#mode}, init-parameter
 * {@value #PARAM_MODE}) every request is checked, logged and observed as when enforcing, but goes down
 * the chain regardless: watch the logs during a rollout, then enforce.
 */
public final class VippsCallbackFilter implements Filter {

  /** Init-parameter: {@code prod} or {@code test} (aliases {@code production}, {@code mt}). Required. */
  public static final String PARAM_ENVIRONMENT = "environment";
  /** Init-parameter: trusted proxies, comma-separated addresses or CIDR ranges. */
  public static final String PARAM_TRUSTED_PROXIES = "trusted-proxies";
  /** Init-parameter: DNS servers, comma-separated IP addresses {@code ip}, {@code ip:port} or {@code [v6]:port}. */
  public static final String PARAM_DNS_SERVERS = "dns-servers";
  /** Init-parameter: per-query DNS timeout, e.g. {@code 2s} or ISO-8601 {@code PT2S}. */
  public static final String PARAM_DNS_TIMEOUT = "dns-timeout";
  /** Init-parameter: the shortest refresh interval. */
  public static final String PARAM_MIN_TTL = "min-ttl";
  /** Init-parameter: the longest refresh interval. */
  public static final String PARAM_MAX_TTL = "max-ttl";
  /** Init-parameter: how long last-known-good addresses survive a DNS outage. */
  public static final String PARAM_MAX_STALE = "max-stale";
  /** Init-parameter: comma-separated host names resolved in addition to the environment's. */
  public static final String PARAM_ADDITIONAL_HOSTS = "additional-hosts";
  /** Init-parameter: comma-separated addresses or CIDR ranges always allowed. */
  public static final String PARAM_ADDITIONAL_ADDRESSES = "additional-addresses";
  /**
   * Init-parameter: {@code true} to accept loopback, private and other special-purpose addresses in DNS
   * answers, for local testing only; {@code false} (the default) in production. See
   * {@link VippsAllowlist.Builder#acceptSpecialPurposeAddresses}.
   */
  public static final String PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES = "accept-special-purpose-addresses";
  /**
   * Init-parameter: the {@code Retry-After} of a 503, at least {@code 1s}; default
   * {@link VippsRequestGuard#DEFAULT_RETRY_AFTER}.
   */
  public static final String PARAM_RETRY_AFTER = "retry-after";
  /**
   * Init-parameter: {@code enforce} (the default) or {@code report-only}, which logs and counts every
   * request that would be refused but lets it through.
   */
  public static final String PARAM_MODE = "mode";

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackFilter.class);

  private final boolean configuredByInitParameters;
  private volatile @Nullable VippsRequestGuard guard;
  private volatile StartedAllowlists.@Nullable Lease lease;

  /** For configuration through init-parameters. */
  public VippsCallbackFilter() {
    this.configuredByInitParameters = true;
  }

  private VippsCallbackFilter(VippsRequestGuard guard) {
    this.configuredByInitParameters = false;
    this.guard = guard;
  }

  /**
   * Starts configuring a filter over an allowlist the caller owns (and starts and closes).
   *
   * @param allowlist the allowlist the filter asks; the caller starts and closes it
   * @return a builder with the defaults
   */
  public static Builder builder(VippsAllowlist allowlist) {
    return new Builder(Objects.requireNonNull(allowlist, "allowlist"));
  }

  /**
   * Reads the init-parameters, then builds and starts the allowlist, which answers 503 until its first
   * addresses are resolved; or takes the one {@link VippsCallbackStartup} started when the application
   * was deployed, or another filter with the same init-parameters runs. A second call starts nothing. A
   * filter made by {@link #builder} reads none: given one of this filter's init-parameters it fails
   * rather than ignore it.
   *
   * @throws ServletException naming the init-parameter, its bad value and the valid ones, when one is
   *     missing, bad or unknown
   */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    if (!configuredByInitParameters) {
      List<String> present = InitParameters.knownNamesPresent(filterConfig);
      if (!present.isEmpty()) {
        throw new ServletException("VippsCallbackFilter '" + filterConfig.getFilterName()
            + "' was configured with VippsCallbackFilter.builder(...), so its init-parameters "
            + present + " would be ignored; configure it one way only");
      }
      VippsRequestGuard built = guard;
      if (built != null) {
        warnIfReportOnly(filterConfig.getFilterName(), built.mode());
      }
      return;
    }
    InitParameters.Settings settings;
    synchronized (this) {
      if (guard != null) {
        return; // Already initialised: a second init starts nothing.
      }
      StartedAllowlists.Lease held = StartedAllowlists.of(filterConfig.getServletContext()).acquire(filterConfig);
      settings = held.settings();
      lease = held;
      guard = VippsRequestGuard.of(settings.allowlist(), settings.clientAddressResolver(), CallbackObserver.NONE,
          settings.retryAfter(), settings.mode());
    }
    VippsAllowlist allowlist = settings.allowlist();
    warnIfReportOnly(filterConfig.getFilterName(), settings.mode());
    LOG.info("VippsCallbackFilter '{}' lets through only the request servers of Vipps environment '{}' {};"
            + " trusted proxies: {}; answers 503 until their addresses are resolved",
        filterConfig.getFilterName(), allowlist.environment().id(), allowlist.hosts(),
        settings.clientAddressResolver().trustedProxies());
  }

  private static void warnIfReportOnly(String filterName, EnforcementMode mode) {
    if (!mode.enforces()) {
      LOG.warn("VippsCallbackFilter '{}' is in report-only mode: requests not from a Vipps request server are"
          + " logged and counted but let through; set mode to enforce once the logs show no wrong denials",
          filterName);
    }
  }

  /**
   * Passes an allowed request down the chain untouched; answers any other with 403 or 503 and an
   * {@code application/problem+json} body, without calling the chain. In report-only mode every request
   * goes down the chain, after the same check, log and observation.
   *
   * @throws ServletException when the filter was not initialised, or the request is not HTTP
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    VippsRequestGuard current = guard;
    if (current == null) {
      throw new ServletException("VippsCallbackFilter was not initialised: init(FilterConfig) was not called");
    }
    if (!(request instanceof HttpServletRequest httpRequest)
        || !(response instanceof HttpServletResponse httpResponse)) {
      throw new ServletException("VippsCallbackFilter guards HTTP requests only, not "
          + request.getClass().getName());
    }
    CallbackOutcome outcome = current.decide(httpRequest);
    if (current.letsThrough(outcome)) {
      chain.doFilter(request, response);
    } else {
      current.reject(outcome, httpRequest, httpResponse);
    }
  }

  /**
   * For a filter configured by init-parameters: gives back its allowlist, whose background refresh stops
   * once no other filter with the same init-parameters and no {@link VippsCallbackStartup} holds it; a
   * later {@link #init} starts again. A filter made by {@link #builder}: nothing (its caller owns the
   * allowlist).
   */
  @Override
  public void destroy() {
    StartedAllowlists.Lease held;
    synchronized (this) {
      held = lease;
      lease = null;
      if (held != null) {
        guard = null;
      }
    }
    if (held != null) {
      held.close();
    }
  }

  /** Configures a {@link VippsCallbackFilter} programmatically. */
  public static final class Builder {

    private final VippsAllowlist allowlist;
    private @Nullable ClientAddressResolver clientAddressResolver;
    private CallbackObserver observer = CallbackObserver.NONE;
    private Duration retryAfter = VippsRequestGuard.DEFAULT_RETRY_AFTER;
    private EnforcementMode mode = EnforcementMode.ENFORCE;

    private Builder(VippsAllowlist allowlist) {
      this.allowlist = allowlist;
    }

    /**
     * How the client address is found; default: the peer address, headers ignored.
     *
     * @param resolver the resolver, e.g. {@link ClientAddressResolver#trusting} behind a proxy
     * @return this builder
     */
    public Builder clientAddressResolver(ClientAddressResolver resolver) {
      this.clientAddressResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Who is told of each outcome; default: nobody.
     *
     * @param observer the observer; {@link CallbackObserver#NONE} for nobody
     * @return this builder
     */
    public Builder observer(CallbackObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * The {@code Retry-After} of a 503; default {@link VippsRequestGuard#DEFAULT_RETRY_AFTER}.
     *
     * @param retryAfter the delay the 503 asks Vipps to wait, rounded up to whole seconds
     * @return this builder
     * @throws IllegalArgumentException when shorter than 1 second
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = CallbackGuard.checkRetryAfter(retryAfter);
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
     * Builds the filter.
     *
     * @return a filter over the builder's allowlist
     */
    public VippsCallbackFilter build() {
      ClientAddressResolver resolver = clientAddressResolver != null
          ? clientAddressResolver
          : ClientAddressResolver.ignoringForwardedHeaders();
      return new VippsCallbackFilter(VippsRequestGuard.of(allowlist, resolver, observer, retryAfter, mode));
    }
  }
}
