package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.spring.VippsCallback;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * The guarded endpoints and the test of whether a request is meant for one of them; independent of Spring
 * Security, so the same matcher serves the starter's {@code SecurityFilterChain} and its servlet filter.
 *
 * <p>The endpoints are discovered once, when the context is ready (or at the first request, should one
 * come earlier). A request matches when its method is guarded, it meets the mapping's {@code params},
 * {@code headers}, {@code consumes} and {@code produces} ({@link RequestConditions}: a request that fails
 * them goes to another handler, or to none), and its path, taken relative to the context path as sent,
 * matches a guarded pattern by any reading a container, proxy, gateway or backend may apply ({@link
 * CallbackEndpointPatterns#matches(String, String, Object)}). A request whose path cannot be placed
 * relative to the context path is guarded. Matching too much only guards more; matching too little would
 * let a request reach a callback unchecked, so any doubt counts as a match.
 */
public final class VippsCallbackEndpoints {

  /**
   * The request attribute naming the endpoint a request matched, left by the step that matched it (the
   * starter's security matcher) for the later steps (the signature check).
   */
  static final String MATCHED_ATTRIBUTE = VippsCallbackEndpoints.class.getName() + ".MATCHED";

  private final CallbackEndpointPatterns.Lazy patterns;

  VippsCallbackEndpoints(Supplier<List<CallbackEndpoint>> discovery) {
    this(new CallbackEndpointPatterns.Lazy(discovery));
  }

  VippsCallbackEndpoints(CallbackEndpointPatterns.Lazy patterns) {
    this.patterns = patterns;
  }

  /** Endpoints fixed up front, for tests and for applications that wire the guard by hand. */
  static VippsCallbackEndpoints of(List<CallbackEndpoint> endpoints) {
    List<CallbackEndpoint> copy = List.copyOf(endpoints);
    return new VippsCallbackEndpoints(() -> copy);
  }

  /**
   * The paths {@code patterns}, for every method, under the dispatcher servlet's path (as Spring Security's
   * request matchers of the application read them): how {@code VippsCallbackConfigurer} guards the patterns
   * it is given by every reading of a request's path, not only Spring's.
   *
   * @param context the application's context, for {@code spring.mvc.servlet.path}; {@code null} reads the
   *     patterns from the context path
   * @param patterns path patterns as Spring MVC writes them, e.g. {@code /partner/**}
   * @return the matcher of those paths
   */
  public static VippsCallbackEndpoints forPatterns(@Nullable ApplicationContext context, String... patterns) {
    String prefix = context == null ? "" : new ServletPathPrefix(context, context.getEnvironment()).get();
    List<CallbackEndpoint> endpoints = new ArrayList<>(patterns.length);
    for (String pattern : patterns) {
      endpoints.add(new CallbackEndpoint(prefix + (pattern.startsWith("/") ? pattern : "/" + pattern), Set.of()));
    }
    return of(endpoints);
  }

  /** The guarded endpoints, discovering them first if that has not happened yet. */
  List<CallbackEndpoint> endpoints() {
    return patterns.endpoints();
  }

  /**
   * Whether {@code request} is meant for a guarded endpoint, by any reading of its path.
   *
   * @param request the request, as the servlet container hands it over
   * @return {@code true} when the request is meant for a guarded endpoint
   */
  public boolean matches(HttpServletRequest request) {
    return match(request) != CallbackEndpointPatterns.NO_MATCH;
  }

  /** Which guarded endpoint {@code request} is meant for ({@link CallbackEndpointPatterns#match}). */
  int match(HttpServletRequest request) {
    CallbackEndpointPatterns current = patterns.get();
    return current.size() == 0
        ? CallbackEndpointPatterns.NO_MATCH
        : current.match(request.getMethod(), rawPath(request), request);
  }

  /**
   * The endpoint a step before left in {@link #MATCHED_ATTRIBUTE} for {@code request}; matched now when none
   * was left.
   */
  int matched(HttpServletRequest request) {
    return request.getAttribute(MATCHED_ATTRIBUTE) instanceof Integer endpoint ? endpoint : match(request);
  }

  /** The signature check of a matched endpoint, {@code null} when it takes none. */
  @Nullable WebhookSignatureCheck signatureCheck(int endpoint) {
    return patterns.get().signatureCheck(endpoint);
  }

  /**
   * The guarded endpoints if they are known, else a note that they are not discovered yet; never discovers
   * them (a description asked for during start-up must not fix the endpoints before every handler exists).
   */
  String describe() {
    CallbackEndpointPatterns current = patterns.ifDiscovered();
    return current == null ? "(the @VippsCallback handlers and vipps.callback.paths, not discovered yet)"
        : current.endpoints().toString();
  }

  @Override
  public String toString() {
    return "VippsCallbackEndpoints " + describe();
  }

  /** The request path after the context path, as sent; {@code null} when the two do not line up. */
  private static @Nullable String rawPath(HttpServletRequest request) {
    Object include = request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI);
    String uri = include instanceof String included ? included : request.getRequestURI();
    Object includeContext = request.getAttribute(RequestDispatcher.INCLUDE_CONTEXT_PATH);
    String contextPath = includeContext instanceof String included ? included : request.getContextPath();
    if (uri == null) {
      return null;
    }
    if (contextPath == null || contextPath.isEmpty()) {
      return uri;
    }
    if (!uri.startsWith(contextPath)) {
      return null;
    }
    String rest = uri.substring(contextPath.length());
    if (!rest.isEmpty() && rest.charAt(0) != '/') {
      return null;
    }
    return rest.isEmpty() ? "/" : rest;
  }
}
