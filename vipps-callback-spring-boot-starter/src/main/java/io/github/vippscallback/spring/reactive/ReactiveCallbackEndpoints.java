package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpoint;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpointPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The guarded endpoints on WebFlux and the test of whether a request is meant for one of them; the same
 * matcher serves the starter's {@code SecurityWebFilterChain} and its {@code WebFilter}.
 *
 * <p>The endpoints are discovered once, when the context is ready (or at the first request, should one
 * come earlier), and matched with the servlet stack's {@link CallbackEndpointPatterns}. A request matches
 * when its method is guarded and its path within the application (after {@code spring.webflux.base-path})
 * matches a guarded pattern either as WebFlux's handler mappings see it, or normalized (decoded, {@code
 * ;params} removed, empty, {@code .} and {@code ..} segments resolved, a trailing {@code /} ignored, case
 * ignored: how lenient configurations see it), and the exchange meets the mapping's other conditions
 * ({@code params}, {@code headers}, {@code consumes}, {@code produces}). Matching too much only guards
 * more; matching too little would let a request reach a callback unchecked, so any doubt counts as a match.
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
    ServerHttpRequest request = exchange.getRequest();
    CallbackEndpointPatterns current = patterns.get();
    int size = current.size();
    if (size == 0) {
      return false;
    }
    String method = request.getMethod().name();
    @Nullable PathContainer raw = null;
    @Nullable PathContainer normalized = null;
    @Nullable PathContainer trimmed = null;
    for (int i = 0; i < size; i++) {
      if (!current.methodMatches(i, method)) {
        continue;
      }
      if (raw == null) {
        RequestPath path = request.getPath();
        raw = path.pathWithinApplication();
      }
      if (current.strict(i).matches(raw)) {
        if (current.conditionsMet(i, exchange)) {
          return true;
        }
        continue;
      }
      if (normalized == null || trimmed == null) {
        String path = normalized(raw);
        normalized = PathContainer.parsePath(path);
        trimmed = path.length() > 1 && path.endsWith("/")
            ? PathContainer.parsePath(path.substring(0, path.length() - 1))
            : normalized;
      }
      if ((current.lenient(i).matches(normalized) || current.lenient(i).matches(trimmed))
          && current.conditionsMet(i, exchange)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The path decoded segment by segment, path parameters dropped, empty and {@code .} segments removed and
   * {@code ..} applied; a trailing {@code /} kept. A decoded {@code /} inside a segment becomes a separator.
   */
  static String normalized(PathContainer path) {
    List<String> segments = new ArrayList<>();
    boolean trailingSlash = false;
    for (PathContainer.Element element : path.elements()) {
      if (element instanceof PathContainer.PathSegment segment) {
        trailingSlash = false;
        for (String part : segment.valueToMatch().split("/", -1)) {
          if (part.isEmpty() || part.equals(".")) {
            continue;
          }
          if (part.equals("..")) {
            if (!segments.isEmpty()) {
              segments.remove(segments.size() - 1);
            }
            continue;
          }
          segments.add(part);
        }
      } else {
        trailingSlash = true;
      }
    }
    String joined = "/" + String.join("/", segments);
    return trailingSlash && !segments.isEmpty() ? joined + "/" : joined;
  }

  @Override
  public String toString() {
    return "the @VippsCallback endpoints and vipps.callback.paths (WebFlux)";
  }
}
