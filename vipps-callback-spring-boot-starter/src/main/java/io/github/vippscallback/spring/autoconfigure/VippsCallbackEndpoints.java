package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.UrlPathHelper;

/**
 * The guarded endpoints and the test of whether a request is meant for one of them; independent of Spring
 * Security, so the same matcher serves the starter's {@code SecurityFilterChain} and its servlet filter.
 *
 * <p>The endpoints are discovered once, when the context is ready (or at the first request, should one
 * come earlier). A request matches when its method is guarded, it meets the mapping's {@code params},
 * {@code headers}, {@code consumes} and {@code produces} ({@link RequestConditions}: a request that fails
 * them goes to another handler, or to none), and its path, taken relative to the context path, matches a guarded pattern either as sent (still percent-encoded, path parameters ignored:
 * how Spring MVC's {@code PathPattern}s see it) or normalized (decoded, {@code ;params} removed,
 * {@code //} collapsed, a trailing {@code /} ignored, case ignored: how the legacy {@code AntPathMatcher}
 * strategy and lenient configurations see it). Matching too much only guards more; matching too little
 * would let a request reach a callback unchecked, so any doubt counts as a match.
 */
final class VippsCallbackEndpoints {

  private static final UrlPathHelper NORMALIZING = UrlPathHelper.defaultInstance;

  private final CallbackEndpointPatterns.Lazy patterns;

  VippsCallbackEndpoints(Supplier<List<CallbackEndpoint>> discovery) {
    this.patterns = new CallbackEndpointPatterns.Lazy(discovery);
  }

  /** Endpoints fixed up front, for tests and for applications that wire the guard by hand. */
  public static VippsCallbackEndpoints of(List<CallbackEndpoint> endpoints) {
    List<CallbackEndpoint> copy = List.copyOf(endpoints);
    return new VippsCallbackEndpoints(() -> copy);
  }

  /** The guarded endpoints, discovering them first if that has not happened yet. */
  public List<CallbackEndpoint> endpoints() {
    return patterns.get().endpoints();
  }

  /** Whether {@code request} is meant for a guarded endpoint. */
  public boolean matches(HttpServletRequest request) {
    CallbackEndpointPatterns current = patterns.get();
    if (current.size() == 0) {
      return false;
    }
    String method = request.getMethod();
    @Nullable PathContainer raw = null;
    @Nullable PathContainer normalized = null;
    @Nullable PathContainer trimmed = null;
    for (int i = 0; i < current.size(); i++) {
      if (!current.methodMatches(i, method)) {
        continue;
      }
      if (raw == null) {
        raw = rawPath(request);
        if (raw == null) {
          return true; // a path that cannot be placed relative to the context path: guard it
        }
      }
      if (current.strict(i).matches(raw)) {
        if (current.conditionsMet(i, request)) {
          return true;
        }
        continue;
      }
      if (normalized == null || trimmed == null) {
        String path = normalizedPath(request);
        normalized = PathContainer.parsePath(path);
        trimmed = path.length() > 1 && path.endsWith("/")
            ? PathContainer.parsePath(path.substring(0, path.length() - 1))
            : normalized;
      }
      if ((current.lenient(i).matches(normalized) || current.lenient(i).matches(trimmed))
          && current.conditionsMet(i, request)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The guarded endpoints if they are known, else a note that they are not discovered yet; never discovers
   * them (a description asked for during start-up must not fix the endpoints before every handler exists).
   */
  public String describe() {
    CallbackEndpointPatterns current = patterns.ifDiscovered();
    return current == null ? "(the @VippsCallback handlers and vipps.callback.paths, not discovered yet)"
        : current.endpoints().toString();
  }

  @Override
  public String toString() {
    return "VippsCallbackEndpoints " + describe();
  }

  /** The request path after the context path, as sent; {@code null} when the two do not line up. */
  private static @Nullable PathContainer rawPath(HttpServletRequest request) {
    Object include = request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI);
    String uri = include instanceof String included ? included : request.getRequestURI();
    Object includeContext = request.getAttribute(RequestDispatcher.INCLUDE_CONTEXT_PATH);
    String contextPath = includeContext instanceof String included ? included : request.getContextPath();
    if (uri == null) {
      return null;
    }
    if (contextPath == null || contextPath.isEmpty()) {
      return PathContainer.parsePath(uri);
    }
    if (!uri.startsWith(contextPath)) {
      return null;
    }
    String rest = uri.substring(contextPath.length());
    if (!rest.isEmpty() && rest.charAt(0) != '/') {
      return null;
    }
    return PathContainer.parsePath(rest.isEmpty() ? "/" : rest);
  }

  private static String normalizedPath(HttpServletRequest request) {
    String path = NORMALIZING.getPathWithinApplication(request);
    return path.isEmpty() ? "/" : path;
  }
}
