package io.github.vippscallback.spring;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

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
public final class VippsCallbackEndpoints {

  private static final PathPatternParser STRICT = new PathPatternParser();
  private static final PathPatternParser LENIENT = lenientParser();
  private static final UrlPathHelper NORMALIZING = UrlPathHelper.defaultInstance;

  private final Supplier<List<CallbackEndpoint>> discovery;
  private volatile @Nullable Compiled compiled;

  VippsCallbackEndpoints(Supplier<List<CallbackEndpoint>> discovery) {
    this.discovery = discovery;
  }

  /** Endpoints fixed up front, for tests and for applications that wire the guard by hand. */
  public static VippsCallbackEndpoints of(List<CallbackEndpoint> endpoints) {
    List<CallbackEndpoint> copy = List.copyOf(endpoints);
    return new VippsCallbackEndpoints(() -> copy);
  }

  /** The guarded endpoints, discovering them first if that has not happened yet. */
  public List<CallbackEndpoint> endpoints() {
    return compiled().endpoints;
  }

  /** Whether {@code request} is meant for a guarded endpoint. */
  public boolean matches(HttpServletRequest request) {
    Compiled current = compiled();
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
      if (current.strict[i].matches(raw)) {
        if (current.conditions[i].test(request)) {
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
      if ((current.lenient[i].matches(normalized) || current.lenient[i].matches(trimmed))
          && current.conditions[i].test(request)) {
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
    Compiled current = compiled;
    return current == null ? "(the @VippsCallback handlers and vipps.callback.paths, not discovered yet)"
        : current.endpoints.toString();
  }

  @Override
  public String toString() {
    return "VippsCallbackEndpoints " + describe();
  }

  private Compiled compiled() {
    Compiled current = compiled;
    if (current == null) {
      synchronized (this) {
        current = compiled;
        if (current == null) {
          current = new Compiled(discovery.get());
          compiled = current;
        }
      }
    }
    return current;
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

  private static PathPatternParser lenientParser() {
    PathPatternParser parser = new PathPatternParser();
    parser.setCaseSensitive(false);
    return parser;
  }

  /** The endpoints and their parsed patterns, in arrays so a match allocates as little as it can. */
  private static final class Compiled {
    final List<CallbackEndpoint> endpoints;
    final PathPattern[] strict;
    final PathPattern[] lenient;
    /** Per endpoint its methods, HEAD added to GET; an empty array means every method. */
    final String[][] methods;
    final RequestConditions[] conditions;

    Compiled(List<CallbackEndpoint> endpoints) {
      this.endpoints = List.copyOf(endpoints);
      int n = endpoints.size();
      this.strict = new PathPattern[n];
      this.lenient = new PathPattern[n];
      this.methods = new String[n][];
      this.conditions = new RequestConditions[n];
      for (int i = 0; i < n; i++) {
        CallbackEndpoint endpoint = endpoints.get(i);
        strict[i] = STRICT.parse(endpoint.pattern());
        lenient[i] = LENIENT.parse(endpoint.pattern());
        methods[i] = withHead(endpoint.methods());
        conditions[i] = endpoint.conditions();
      }
    }

    int size() {
      return strict.length;
    }

    boolean methodMatches(int index, String method) {
      String[] allowed = methods[index];
      if (allowed.length == 0) {
        return true;
      }
      for (String candidate : allowed) {
        if (candidate.equalsIgnoreCase(method)) {
          return true;
        }
      }
      return false;
    }

    /** Spring MVC answers HEAD with the GET handler, so a guarded GET guards HEAD too. */
    private static String[] withHead(Set<String> methods) {
      List<String> all = new ArrayList<>(methods);
      if (methods.contains("GET") && !methods.contains("HEAD")) {
        all.add("HEAD");
      }
      return all.toArray(new String[0]);
    }
  }
}
