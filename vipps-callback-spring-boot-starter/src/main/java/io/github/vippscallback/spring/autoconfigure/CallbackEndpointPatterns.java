package io.github.vippscallback.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The guarded endpoints with their path patterns parsed, in arrays so that a match allocates as little as
 * it can: each endpoint's pattern parsed strictly (as Spring's handler mappings match it) and leniently
 * (case ignored), its methods and its mapping's other {@link RequestConditions}; and the one test of
 * whether a request is meant for one of them, {@link #matches(String, String, Object)}. Shared by the
 * servlet matcher ({@link VippsCallbackEndpoints}) and the WebFlux one ({@code
 * io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints}), for the {@code @VippsCallback}
 * endpoints, {@code vipps.callback.paths}, the configurer's patterns and the webhook-signature groups, so
 * that every stack guards exactly the same requests the same way. Immutable.
 */
public final class CallbackEndpointPatterns {

  private static final PathPatternParser STRICT = new PathPatternParser();
  private static final PathPatternParser LENIENT = lenientParser();

  private final List<CallbackEndpoint> endpoints;
  private final PathPattern[] strict;
  private final PathPattern[] lenient;
  /** Per endpoint its methods, HEAD added to GET; an empty array means every method. */
  private final String[][] methods;
  /** Per endpoint its mapping's other conditions ({@code params}, {@code headers}, ...). */
  private final RequestConditions[] conditions;

  private CallbackEndpointPatterns(List<CallbackEndpoint> endpoints) {
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

  /**
   * The endpoints' patterns, parsed now.
   *
   * @param endpoints the guarded endpoints
   * @return the endpoints with their parsed patterns
   */
  public static CallbackEndpointPatterns of(List<CallbackEndpoint> endpoints) {
    return new CallbackEndpointPatterns(endpoints);
  }

  /**
   * The endpoints, in order.
   *
   * @return the endpoints, unmodifiable
   */
  public List<CallbackEndpoint> endpoints() {
    return endpoints;
  }

  /**
   * How many endpoints there are.
   *
   * @return the number of endpoints
   */
  public int size() {
    return strict.length;
  }

  /**
   * Whether a request is meant for a guarded endpoint: its method is the endpoint's, it meets the endpoint's
   * other conditions, and its path matches the endpoint's pattern as sent (as Spring's handler mappings
   * match it) or by any other reading ({@code PathReadings}) a container, proxy, gateway or backend may
   * apply (decoded, path parameters removed, slashes collapsed, dot segments resolved, ...), with case and a
   * trailing {@code /} ignored. Matching too much only guards more; matching too little would let a request
   * reach a callback unchecked. A plain path (the common case) is parsed once and read no other way.
   *
   * @param method the request's method
   * @param path the request's path within the application, as sent (still percent-encoded), or {@code null}
   *     when it cannot be placed within the application: then every request with a guarded method matches
   * @param request the stack's request type, for the mapping's other conditions
   * @return {@code true} when the request is meant for a guarded endpoint
   */
  public boolean matches(String method, @Nullable String path, Object request) {
    if (!anyMethodMatches(method)) {
      return false;
    }
    if (path == null) {
      return true;
    }
    @Nullable PathContainer asSent = parsed(path);
    if (asSent != null) {
      for (int i = 0; i < strict.length; i++) {
        if (methodMatches(i, method) && strict[i].matches(asSent) && conditionsMet(i, request)) {
          return true;
        }
      }
      if (PathReadings.isPlain(path)) {
        return matchesLeniently(method, asSent, path, false, request);
      }
    }
    for (PathReadings.Reading reading : PathReadings.of(path)) {
      @Nullable PathContainer read = container(reading.path(), reading.decoded());
      if (read != null && matchesLeniently(method, read, reading.path(), reading.decoded(), request)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyMethodMatches(String method) {
    for (int i = 0; i < methods.length; i++) {
      if (methodMatches(i, method)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} (whose text is {@code text}) matches a lenient pattern, a trailing / ignored. */
  private boolean matchesLeniently(
      String method, PathContainer path, String text, boolean decoded, Object request) {
    @Nullable PathContainer trimmed = null;
    for (int i = 0; i < lenient.length; i++) {
      if (!methodMatches(i, method)) {
        continue;
      }
      if (lenient[i].matches(path) && conditionsMet(i, request)) {
        return true;
      }
      if (text.length() > 1 && text.endsWith("/")) {
        if (trimmed == null) {
          trimmed = container(text.substring(0, text.length() - 1), decoded);
        }
        if (trimmed != null && lenient[i].matches(trimmed) && conditionsMet(i, request)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A reading as Spring matches it: decoded once more unless {@code decoded} says that happened; a bad
   * escape read as the text it is.
   */
  private static @Nullable PathContainer container(String text, boolean decoded) {
    @Nullable PathContainer parsed = parsed(decoded ? escapePercent(text) : text);
    return parsed != null ? parsed : parsed(escapePercent(text));
  }

  /** {@code path} as Spring matches it, or {@code null} when Spring cannot parse it (a bad escape). */
  private static @Nullable PathContainer parsed(String path) {
    try {
      return PathContainer.parsePath(path);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A decoded reading, escaped so that parsing does not decode it a second time. */
  private static String escapePercent(String decoded) {
    return decoded.indexOf('%') < 0 ? decoded : decoded.replace("%", "%25");
  }

  /**
   * Whether endpoint {@code index} is guarded for {@code method} (HEAD where GET is).
   *
   * @param index the endpoint's position in {@link #endpoints()}
   * @param method the request's HTTP method
   * @return {@code true} when the endpoint is guarded for {@code method}
   */
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

  /**
   * Whether {@code request} (the stack's request type) meets endpoint {@code index}'s {@code params},
   * {@code headers}, {@code consumes} and {@code produces}: one that does not goes to another handler, or to
   * none, so it is not this endpoint's.
   *
   * @param index the endpoint's position in {@link #endpoints()}
   * @param request the request, of the web stack's request type
   * @return {@code true} when the request meets every condition of the endpoint's mapping
   */
  boolean conditionsMet(int index, Object request) {
    return conditions[index].test(request);
  }

  /** Spring answers HEAD with the GET handler, so a guarded GET guards HEAD too. */
  private static String[] withHead(Set<String> methods) {
    List<String> all = new ArrayList<>(methods);
    if (methods.contains("GET") && !methods.contains("HEAD")) {
      all.add("HEAD");
    }
    return all.toArray(new String[0]);
  }

  private static PathPatternParser lenientParser() {
    PathPatternParser parser = new PathPatternParser();
    parser.setCaseSensitive(false);
    return parser;
  }

  /**
   * The patterns of endpoints discovered once, when first asked for (the context is ready by then, or a
   * first request came earlier). Thread-safe.
   */
  public static final class Lazy implements Supplier<CallbackEndpointPatterns> {

    private final Supplier<List<CallbackEndpoint>> discovery;
    private volatile @Nullable CallbackEndpointPatterns compiled;

    /**
     * Patterns of the endpoints {@code discovery} finds, the first time they are needed.
     *
     * @param discovery finds the endpoints; called at most once
     */
    public Lazy(Supplier<List<CallbackEndpoint>> discovery) {
      this.discovery = discovery;
    }

    /**
     * The patterns if the endpoints are discovered already, else {@code null}; never discovers them.
     *
     * @return the patterns, or {@code null} when not yet discovered
     */
    public @Nullable CallbackEndpointPatterns ifDiscovered() {
      return compiled;
    }

    @Override
    public CallbackEndpointPatterns get() {
      CallbackEndpointPatterns current = compiled;
      if (current == null) {
        synchronized (this) {
          current = compiled;
          if (current == null) {
            current = new CallbackEndpointPatterns(discovery.get());
            compiled = current;
          }
        }
      }
      return current;
    }
  }
}
