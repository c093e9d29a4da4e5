package io.github.vippscallback.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The guarded endpoints with their path patterns parsed, in arrays so that a match allocates as little as
 * it can: each endpoint's pattern parsed strictly (as Spring's handler mappings match it) and leniently
 * (case ignored), its methods and its mapping's other {@link RequestConditions}. Shared by the servlet matcher ({@link VippsCallbackEndpoints}) and the
 * WebFlux one ({@code io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints}), so both stacks
 * guard exactly the same endpoints the same way. Immutable.
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
   * Endpoint {@code index}'s pattern as Spring's handler mappings match it.
   *
   * @param index the endpoint's position in {@link #endpoints()}
   * @return the endpoint's pattern, case-sensitive
   */
  public PathPattern strict(int index) {
    return strict[index];
  }

  /**
   * Endpoint {@code index}'s pattern with case ignored.
   *
   * @param index the endpoint's position in {@link #endpoints()}
   * @return the endpoint's pattern, case-insensitive
   */
  public PathPattern lenient(int index) {
    return lenient[index];
  }

  /**
   * Whether endpoint {@code index} is guarded for {@code method} (HEAD where GET is).
   *
   * @param index the endpoint's position in {@link #endpoints()}
   * @param method the request's HTTP method
   * @return {@code true} when the endpoint is guarded for {@code method}
   */
  public boolean methodMatches(int index, String method) {
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
  public boolean conditionsMet(int index, Object request) {
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
