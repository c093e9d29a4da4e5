package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.GuardVerdict;
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
 * Used when Spring Security is not in use: applies the guard, then the webhook signature check of the
 * endpoints that take one, to the {@link VippsCallbackEndpoints}, and passes every other request through
 * untouched.
 */
final class VippsCallbackEndpointFilter implements Filter {

  private final VippsCallbackEndpoints endpoints;
  private final VippsRequestGuard guard;
  private final ServletWebhookSignatures signatures;

  VippsCallbackEndpointFilter(VippsCallbackEndpoints endpoints, VippsRequestGuard guard, WebhookSignatures signatures) {
    this.endpoints = endpoints;
    this.guard = guard;
    this.signatures = new ServletWebhookSignatures(signatures);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
        && endpoints.matches(http)) {
      GuardVerdict verdict = guard.check(http);
      if (!guard.letsThrough(verdict)) {
        guard.reject(verdict, http, httpResponse);
        return;
      }
      signatures.apply(http, httpResponse, chain); // after the address: a stranger's body is never read
      return;
    }
    chain.doFilter(request, response);
  }
}
