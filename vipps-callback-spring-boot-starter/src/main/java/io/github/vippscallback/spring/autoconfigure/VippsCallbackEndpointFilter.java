package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.servlet.VippsRequestGuard;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Used when Spring Security is not in use: matches a request once against the {@link
 * VippsCallbackEndpoints}; for a guarded endpoint applies the guard, then that endpoint's webhook signature
 * check if it takes one; passes every other request through untouched.
 */
final class VippsCallbackEndpointFilter implements Filter {

  private final VippsCallbackEndpoints endpoints;
  private final VippsRequestGuard guard;
  private final ServletWebhookSignatures signatures;

  VippsCallbackEndpointFilter(VippsCallbackEndpoints endpoints, VippsRequestGuard guard, WebhookSignatures signatures) {
    this.endpoints = endpoints;
    this.guard = guard;
    this.signatures = new ServletWebhookSignatures(endpoints, signatures);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
      int endpoint = endpoints.match(http); // once: the endpoint names its signature check
      if (endpoint != CallbackEndpointPatterns.NO_MATCH) {
        CallbackOutcome outcome = guard.decide(http);
        if (!guard.letsThrough(outcome)) {
          guard.reject(outcome, http, httpResponse);
          return;
        }
        signatures.apply(endpoint, http, httpResponse, chain); // after the address: a stranger's body is never read
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
