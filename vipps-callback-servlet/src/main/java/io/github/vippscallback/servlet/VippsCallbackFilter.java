package io.github.vippscallback.servlet;

import io.github.vippscallback.core.VippsAllowlist;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * A filter that lets a request through only when its client address is one of the Vipps request
 * servers of the configured environment; 403 otherwise, or 503 with {@code Retry-After} while nothing
 * is resolved.
 *
 * <p>Configure it programmatically with {@link #builder(VippsAllowlist)}, or with no code through
 * init-parameters ({@code web.xml} or {@code ServletContext.addFilter}) named by the {@code PARAM_}
 * constants; a missing or bad init-parameter stops {@link #init} with a message naming it. A filter
 * configured by init-parameters builds, starts and (in {@link #destroy}) closes its own allowlist.
 */
public final class VippsCallbackFilter implements Filter {

  /** Init-parameter: {@code prod} or {@code test} (aliases {@code production}, {@code mt}). Required. */
  public static final String PARAM_ENVIRONMENT = "environment";
  /** Init-parameter: trusted proxies, comma-separated addresses or CIDR ranges. */
  public static final String PARAM_TRUSTED_PROXIES = "trusted-proxies";
  /** Init-parameter: DNS servers, comma-separated {@code host}, {@code host:port} or {@code [v6]:port}. */
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

  /** For configuration through init-parameters. */
  public VippsCallbackFilter() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Starts configuring a filter over an allowlist the caller owns (and starts and closes). */
  public static Builder builder(VippsAllowlist allowlist) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void destroy() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Configures a {@link VippsCallbackFilter} programmatically. */
  public static final class Builder {

    private Builder() {
      throw new UnsupportedOperationException("skeleton");
    }

    /** How the client address is found; default: the peer address, headers ignored. */
    public Builder clientAddressResolver(io.github.vippscallback.core.ClientAddressResolver resolver) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** Who is told of each outcome; default: nobody. */
    public Builder observer(CallbackObserver observer) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** The {@code Retry-After} of a 503; default {@link VippsRequestGuard#DEFAULT_RETRY_AFTER}. */
    public Builder retryAfter(java.time.Duration retryAfter) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** Builds the filter. */
    public VippsCallbackFilter build() {
      throw new UnsupportedOperationException("skeleton");
    }
  }
}
