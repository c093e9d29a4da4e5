package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpoint;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpointPatterns;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The guarded endpoints on WebFlux and the test of whether a request is meant for one of them; the same
 * matcher serves the starter's {@code SecurityWebFilterChain} and its {@code WebFilter}.
 *
 * <p>The endpoints are discovered once, when the context is ready (or at the first request, should one
 * come earlier), and matched with the servlet stack's {@link CallbackEndpointPatterns}. A request matches
 * when its method is guarded, its path within the application (after {@code spring.webflux.base-path}, as
 * sent) matches a guarded pattern by any reading a container, proxy, gateway or backend may apply ({@link
 * CallbackEndpointPatterns#matches(String, String, Object)}), and the exchange meets the mapping's other
 * conditions ({@code params}, {@code headers}, {@code consumes}, {@code produces}). Matching too much only
 * guards more; matching too little would let a request reach a callback unchecked, so any doubt counts as a
 * match.
 */
public final class ReactiveCallbackEndpoints {

  private final CallbackEndpointPatterns.Lazy patterns;

  private ReactiveCallbackEndpoints(Supplier<List<CallbackEndpoint>> discovery) {
    this.patterns = new CallbackEndpointPatterns.Lazy(discovery);
  }

  /**
   * The endpoints {@code discovery} finds, discovered the first time they are needed.
   *
   * @param discovery finds the endpoints; called at most once
   * @return endpoints discovered when first needed
   */
  public static ReactiveCallbackEndpoints discoveredBy(Supplier<List<CallbackEndpoint>> discovery) {
    return new ReactiveCallbackEndpoints(discovery);
  }

  /**
   * Endpoints fixed up front, for tests and for applications that wire the guard by hand.
   *
   * @param endpoints the guarded endpoints
   * @return the given endpoints
   */
  public static ReactiveCallbackEndpoints of(List<CallbackEndpoint> endpoints) {
    List<CallbackEndpoint> copy = List.copyOf(endpoints);
    return new ReactiveCallbackEndpoints(() -> copy);
  }

  /**
   * The guarded endpoints, discovering them first if that has not happened yet.
   *
   * @return the guarded endpoints, unmodifiable
   */
  public List<CallbackEndpoint> endpoints() {
    return patterns.get().endpoints();
  }

  /**
   * Whether {@code exchange} is meant for a guarded endpoint: its method and path match the endpoint's, and it
   * meets the endpoint's mapping's {@code params}, {@code headers}, {@code consumes} and {@code produces}
   * (a request that does not goes to another handler, or to none).
   *
   * @param exchange the exchange of the request
   * @return {@code true} when the request is meant for a guarded endpoint
   */
  public boolean matches(ServerWebExchange exchange) {
    CallbackEndpointPatterns current = patterns.get();
    if (current.size() == 0) {
      return false;
    }
    ServerHttpRequest request = exchange.getRequest();
    return current.matches(request.getMethod().name(), request.getPath().pathWithinApplication().value(), exchange);
  }

  @Override
  public String toString() {
    return "the @VippsCallback endpoints and vipps.callback.paths (WebFlux)";
  }
}
