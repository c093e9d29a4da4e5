package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpointPatterns;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Used on WebFlux when Spring Security is not in use: applies the guard, then the webhook signature check
 * of the endpoints that take one, to the {@link ReactiveCallbackEndpoints}, and passes every other request
 * through untouched. A refused request gets the same 403, or 503 with {@code Retry-After}, as on servlets.
 * The check is synchronous and allocation-free on the common path: no DNS, no blocking call.
 */
public final class VippsCallbackWebFilter implements WebFilter, Ordered {

  /** The order: early, before the application's own filters (Spring Security's chain runs at -100). */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private final ReactiveCallbackEndpoints endpoints;
  private final CallbackGuard guard;
  private final ReactiveWebhookSignatures signatures;

  /**
   * A filter guarding {@code endpoints} with {@code guard}, then {@code signatures}.
   *
   * @param endpoints the guarded endpoints
   * @param guard the address check
   * @param signatures the webhook signature check
   */
  public VippsCallbackWebFilter(
      ReactiveCallbackEndpoints endpoints, CallbackGuard guard, ReactiveWebhookSignatures signatures) {
    this.endpoints = endpoints;
    this.guard = guard;
    this.signatures = signatures;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    int endpoint = endpoints.match(exchange); // once: the endpoint names its signature check
    if (endpoint == CallbackEndpointPatterns.NO_MATCH) {
      return chain.filter(exchange);
    }
    CallbackOutcome outcome = guard.decide(request, ServerRequestView.INSTANCE);
    if (!guard.letsThrough(outcome)) {
      return ProblemWriter.write(exchange.getResponse(),
          guard.answer(outcome, ServerRequestView.INSTANCE.path(request)));
    }
    return signatures.filter(endpoint, exchange, chain); // after the address: a stranger's body is never read
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /**
   * A constant: WebFlux's filter chain asks every filter for its {@code toString()} on every request (for a
   * {@code checkpoint}), and {@code Object}'s would format a new string each time.
   */
  @Override
  public String toString() {
    return "VippsCallbackWebFilter";
  }
}
