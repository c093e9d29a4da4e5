package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.servlet.VippsWebhookSignatureFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link WebhookSignatures} applied on servlets: the endpoint a request matched ({@link
 * VippsCallbackEndpoints}, matched once, before the address check) names its signature check, which a
 * {@link VippsWebhookSignatureFilter} sharing it applies.
 */
final class ServletWebhookSignatures {

  private final VippsCallbackEndpoints endpoints;
  private final WebhookSignatures signatures;
  private volatile @Nullable Map<WebhookSignatureCheck, VippsWebhookSignatureFilter> filters;

  ServletWebhookSignatures(VippsCallbackEndpoints endpoints, WebhookSignatures signatures) {
    this.endpoints = endpoints;
    this.signatures = signatures;
  }

  /**
   * Checks the signature of a request for {@code endpoint} when it takes one, passing it on (with its body)
   * when valid or in report-only mode, answering 401 or 413 otherwise; any other request passes on untouched.
   */
  void apply(int endpoint, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    WebhookSignatureCheck check = endpoints.signatureCheck(endpoint);
    if (check == null) {
      chain.doFilter(request, response);
      return;
    }
    VippsWebhookSignatureFilter filter = filters().get(check);
    if (filter == null) {
      throw new IllegalStateException("no filter for the signature check of endpoint " + endpoint);
    }
    filter.doFilter(request, response, chain);
  }

  /**
   * This check as a servlet filter, for a {@code SecurityFilterChain}, after the chain's matcher left the
   * endpoint in the request. Not a bean: never registered alone.
   */
  Filter asFilter() {
    return new WebhookSignatureCheckFilter();
  }

  /** A named class, so that Spring Security's descriptions of the chain say what it is. */
  private final class WebhookSignatureCheckFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      // An error dispatch follows a request whose signature was checked on its own dispatch (its body is gone).
      if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
          && http.getDispatcherType() != DispatcherType.ERROR) {
        int endpoint = endpoints.matched(http);
        if (endpoint != CallbackEndpointPatterns.NO_MATCH) {
          apply(endpoint, http, httpResponse, chain);
          return;
        }
      }
      chain.doFilter(request, response);
    }

    @Override
    public String toString() {
      return "WebhookSignatureCheckFilter";
    }
  }

  /** One servlet filter per signature check, made once. */
  private Map<WebhookSignatureCheck, VippsWebhookSignatureFilter> filters() {
    Map<WebhookSignatureCheck, VippsWebhookSignatureFilter> current = filters;
    if (current == null) {
      synchronized (this) {
        current = filters;
        if (current == null) {
          current = new IdentityHashMap<>();
          for (WebhookSignatures.Group group : signatures.groups()) {
            current.put(group.check(), VippsWebhookSignatureFilter.of(group.check()));
          }
          filters = current;
        }
      }
    }
    return current;
  }
}
