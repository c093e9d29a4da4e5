package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpoint;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpointPatterns;
import java.util.List;
import org.jspecify.annotations.Nullable;
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

  /** The exchange attribute naming the endpoint an exchange matched, for the later steps (the signature check). */
  private static final String MATCHED_ATTRIBUTE = ReactiveCallbackEndpoints.class.getName() + ".MATCHED";

  private final CallbackEndpointPatterns.Lazy patterns;

  private ReactiveCallbackEndpoints(CallbackEndpointPatterns.Lazy patterns) {
    this.patterns = patterns;
  }

  /**
   * The endpoints {@code patterns} discovers and compiles, the first time they are needed.
   *
   * @param patterns discovers the endpoints and compiles them with their signature checks
   * @return endpoints discovered when first needed
   */
  public static ReactiveCallbackEndpoints discoveredBy(CallbackEndpointPatterns.Lazy patterns) {
    return new ReactiveCallbackEndpoints(patterns);
  }

  /**
   * Endpoints fixed up front, for tests and for applications that wire the guard by hand.
   *
   * @param endpoints the guarded endpoints
   * @return the given endpoints
   */
  public static ReactiveCallbackEndpoints of(List<CallbackEndpoint> endpoints) {
    List<CallbackEndpoint> copy = List.copyOf(endpoints);
    return new ReactiveCallbackEndpoints(new CallbackEndpointPatterns.Lazy(() -> copy));
  }

  /**
   * The guarded endpoints, discovering them first if that has not happened yet.
   *
   * @return the guarded endpoints, unmodifiable
   */
  public List<CallbackEndpoint> endpoints() {
    return patterns.endpoints();
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
    return match(exchange) != CallbackEndpointPatterns.NO_MATCH;
  }

  /**
   * Which guarded endpoint {@code exchange} is meant for ({@link CallbackEndpointPatterns#match}).
   *
   * @param exchange the exchange of the request
   * @return the endpoint's position, or {@link CallbackEndpointPatterns#NO_MATCH}
   */
  public int match(ServerWebExchange exchange) {
    CallbackEndpointPatterns current = patterns.get();
    if (current.size() == 0) {
      return CallbackEndpointPatterns.NO_MATCH;
    }
    ServerHttpRequest request = exchange.getRequest();
    return current.match(request.getMethod().name(), request.getPath().pathWithinApplication().value(), exchange);
  }

  /**
   * As {@link #match}, and leaves the endpoint in the exchange for the later steps ({@link #matched}): how the
   * starter's security matcher hands it to the signature check in its chain.
   *
   * @param exchange the exchange of the request
   * @return {@code true} when the request is meant for a guarded endpoint
   */
  public boolean matchAndKeep(ServerWebExchange exchange) {
    int endpoint = match(exchange);
    if (endpoint == CallbackEndpointPatterns.NO_MATCH) {
      return false;
    }
    exchange.getAttributes().put(MATCHED_ATTRIBUTE, endpoint);
    return true;
  }

  /**
   * The endpoint {@link #matchAndKeep} left in {@code exchange}; matched now when none was left.
   *
   * @param exchange the exchange of the request
   * @return the endpoint's position, or {@link CallbackEndpointPatterns#NO_MATCH}
   */
  public int matched(ServerWebExchange exchange) {
    return exchange.getAttribute(MATCHED_ATTRIBUTE) instanceof Integer endpoint ? endpoint : match(exchange);
  }

  /**
   * The signature check of a matched endpoint.
   *
   * @param endpoint the endpoint's position, as {@link #match} gives it
   * @return the check, or {@code null} when the endpoint takes no signature
   */
  public @Nullable WebhookSignatureCheck signatureCheck(int endpoint) {
    return patterns.get().signatureCheck(endpoint);
  }

  @Override
  public String toString() {
    return "the @VippsCallback endpoints and vipps.callback.paths (WebFlux)";
  }
}
