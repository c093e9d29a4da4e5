package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.WebhookSignatureCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The guarded endpoints with their path patterns parsed, in arrays so that a match allocates as little as
 * it can: each endpoint's pattern parsed strictly (as Spring's handler mappings match it) and leniently
 * (case ignored), its methods, its mapping's other {@link RequestConditions} and the webhook signature check
 * that applies to it; and the one test of whether a request is meant for one of them, {@link
 * #match(String, String, Object)}, which names the endpoint so that the later steps (the signature check)
 * need not match again. Shared by the
 * servlet matcher ({@link VippsCallbackEndpoints}) and the WebFlux one ({@code
 * io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints}), for the {@code @VippsCallback}
 * endpoints, {@code vipps.callback.paths}, the configurer's patterns and the webhook-signature groups, so
 * that every stack guards exactly the same requests the same way. Immutable.
 */
public final class CallbackEndpointPatterns {

  /** What {@link #match} gives when the request is meant for no guarded endpoint. */
  public static final int NO_MATCH = -1;

  private static final PathPatternParser STRICT = new PathPatternParser();
  private static final PathPatternParser LENIENT = lenientParser();

  private final List<CallbackEndpoint> endpoints;
  private final PathPattern[] strict;
  private final PathPattern[] lenient;
  /** Per endpoint its methods, HEAD added to GET; an empty array means every method. */
  private final String[][] methods;
  /** Per endpoint its mapping's other conditions ({@code params}, {@code headers}, ...). */
  private final RequestConditions[] conditions;
  /** Per endpoint the signature check that applies to it, {@code null} for none. */
  private final @Nullable WebhookSignatureCheck[] checks;
  /**
   * Per endpoint its rank, ascending: the position of its signature group, then the endpoints that take no
   * signature. Of several endpoints a request matches, the lowest rank wins, so that a signature is checked
   * whenever any endpoint the request matches takes one (as the first group that matches).
   */
  private final int[] rank;

  private CallbackEndpointPatterns(List<CallbackEndpoint> endpoints, List<@Nullable WebhookSignatureCheck> checks,
      int[] rank) {
    this.endpoints = List.copyOf(endpoints);
    int n = endpoints.size();
    this.strict = new PathPattern[n];
    this.lenient = new PathPattern[n];
    this.methods = new String[n][];
    this.conditions = new RequestConditions[n];
    this.checks = new WebhookSignatureCheck[n];
    this.rank = rank;
    for (int i = 0; i < n; i++) {
      CallbackEndpoint endpoint = endpoints.get(i);
      strict[i] = STRICT.parse(endpoint.pattern());
      lenient[i] = LENIENT.parse(endpoint.pattern());
      methods[i] = withHead(endpoint.methods());
      conditions[i] = endpoint.conditions();
      this.checks[i] = checks.get(i);
    }
  }

  /**
   * The endpoints' patterns, parsed now; no endpoint takes a signature.
   *
   * @param endpoints the guarded endpoints
   * @return the endpoints with their parsed patterns
   */
  public static CallbackEndpointPatterns of(List<CallbackEndpoint> endpoints) {
    List<@Nullable WebhookSignatureCheck> none = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      none.add(null);
    }
    return new CallbackEndpointPatterns(endpoints, none, new int[endpoints.size()]);
  }

  /**
   * The endpoints' patterns, parsed now, each with the signature check of its group: the groups' endpoints
   * first, in the groups' order, then the others.
   *
   * @param endpoints every guarded endpoint
   * @param groups the endpoints that take a signature, by the check that applies ({@link WebhookSignatures})
   * @return the endpoints with their parsed patterns and signature checks
   */
  static CallbackEndpointPatterns signed(List<CallbackEndpoint> endpoints, List<WebhookSignatures.Group> groups) {
    List<CallbackEndpoint> ordered = new ArrayList<>();
    List<@Nullable WebhookSignatureCheck> checks = new ArrayList<>();
    List<Integer> ranks = new ArrayList<>();
    Set<CallbackEndpoint> signed = new HashSet<>();
    for (int g = 0; g < groups.size(); g++) {
      for (CallbackEndpoint endpoint : groups.get(g).endpoints()) {
        if (signed.add(endpoint)) {
          ordered.add(endpoint);
          checks.add(groups.get(g).check());
          ranks.add(g);
        }
      }
    }
    for (CallbackEndpoint endpoint : endpoints) {
      if (!signed.contains(endpoint)) {
        ordered.add(endpoint);
        checks.add(null);
        ranks.add(groups.size());
      }
    }
    int[] rank = new int[ranks.size()];
    for (int i = 0; i < rank.length; i++) {
      rank[i] = ranks.get(i);
    }
    return new CallbackEndpointPatterns(ordered, checks, rank);
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
   * Whether a request is meant for a guarded endpoint: {@link #match} found one.
   *
   * @param method the request's method
   * @param path the request's path within the application, as sent, or {@code null} (see {@link #match})
   * @param request the stack's request type, for the mapping's other conditions
   * @return {@code true} when the request is meant for a guarded endpoint
   */
  public boolean matches(String method, @Nullable String path, Object request) {
    return match(method, path, request) != NO_MATCH;
  }

  /**
   * Which guarded endpoint a request is meant for: its method is the endpoint's, it meets the endpoint's
   * other conditions, and its path matches the endpoint's pattern as sent (as Spring's handler mappings
   * match it) or by any other reading ({@code PathReadings}) a container, proxy, gateway or backend may
   * apply (decoded, path parameters removed, slashes collapsed, dot segments resolved, ...), with case and a
   * trailing {@code /} ignored. Matching too much only guards more; matching too little would let a request
   * reach a callback unchecked. A plain path (the common case) is parsed once and read no other way. Of
   * several endpoints the request matches, one that takes a signature wins (the first group's), so that the
   * signature is checked whenever any of them takes one. Allocates nothing more than {@code matches} did.
   *
   * @param method the request's method
   * @param path the request's path within the application, as sent (still percent-encoded), or {@code null}
   *     when it cannot be placed within the application: then every request with a guarded method matches
   * @param request the stack's request type, for the mapping's other conditions
   * @return the endpoint's position in {@link #endpoints()}, or {@link #NO_MATCH}
   */
  public int match(String method, @Nullable String path, Object request) {
    if (!anyMethodMatches(method)) {
      return NO_MATCH;
    }
    int best = NO_MATCH;
    if (path == null) {
      for (int i = 0; i < methods.length && better(i, best); i++) {
        if (methodMatches(i, method)) {
          best = i;
        }
      }
      return best;
    }
    @Nullable PathContainer asSent = parsed(path);
    if (asSent != null) {
      for (int i = 0; i < strict.length && better(i, best); i++) {
        if (methodMatches(i, method) && strict[i].matches(asSent) && conditionsMet(i, request)) {
          best = i;
        }
      }
      if (PathReadings.isPlain(path)) {
        return matchLeniently(method, asSent, path, false, request, best);
      }
    }
    for (PathReadings.Reading reading : PathReadings.of(path)) {
      if (best != NO_MATCH && rank[best] == 0) {
        return best;
      }
      @Nullable PathContainer read = container(reading.path(), reading.decoded());
      if (read != null) {
        best = matchLeniently(method, read, reading.path(), reading.decoded(), request, best);
      }
    }
    return best;
  }

  /**
   * The signature check of endpoint {@code index}.
   *
   * @param index a position in {@link #endpoints()}, as {@link #match} gives it
   * @return the check that applies to the endpoint, or {@code null} when it takes no signature
   */
  public @Nullable WebhookSignatureCheck signatureCheck(int index) {
    return checks[index];
  }

  /**
   * Whether endpoint {@code i} would be a better match than {@code best}: there is none yet, or it has a
   * lower rank (endpoints are ordered by rank, so only an earlier one can be).
   */
  private boolean better(int i, int best) {
    return best == NO_MATCH || rank[i] < rank[best];
  }

  private boolean anyMethodMatches(String method) {
    for (int i = 0; i < methods.length; i++) {
      if (methodMatches(i, method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The best endpoint whose lenient pattern {@code path} (whose text is {@code text}) matches, a trailing /
   * ignored, if better than {@code best}; else {@code best}.
   */
  private int matchLeniently(
      String method, PathContainer path, String text, boolean decoded, Object request, int best) {
    @Nullable PathContainer trimmed = null;
    for (int i = 0; i < lenient.length && better(i, best); i++) {
      if (!methodMatches(i, method)) {
        continue;
      }
      if (lenient[i].matches(path) && conditionsMet(i, request)) {
        best = i;
        continue;
      }
      if (text.length() > 1 && text.endsWith("/")) {
        if (trimmed == null) {
          trimmed = container(text.substring(0, text.length() - 1), decoded);
        }
        if (trimmed != null && lenient[i].matches(trimmed) && conditionsMet(i, request)) {
          best = i;
        }
      }
    }
    return best;
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
   * The guarded endpoints, discovered once when first asked for, and their patterns, compiled once when first
   * asked for (the context is ready by then, or a first request came earlier). Thread-safe.
   */
  public static final class Lazy implements Supplier<CallbackEndpointPatterns> {

    private final Supplier<List<CallbackEndpoint>> discovery;
    private final Function<List<CallbackEndpoint>, CallbackEndpointPatterns> compile;
    private volatile @Nullable List<CallbackEndpoint> discovered;
    private volatile @Nullable CallbackEndpointPatterns compiled;

    /**
     * The endpoints {@code discovery} finds, each with no signature check.
     *
     * @param discovery finds the endpoints; called at most once (unless it throws)
     */
    public Lazy(Supplier<List<CallbackEndpoint>> discovery) {
      this(discovery, CallbackEndpointPatterns::of);
    }

    /**
     * The endpoints {@code discovery} finds, compiled by {@code compile}.
     *
     * @param discovery finds the endpoints; called at most once (unless it throws)
     * @param compile parses the endpoints' patterns and gives each its signature check; called at most once
     */
    public Lazy(Supplier<List<CallbackEndpoint>> discovery,
        Function<List<CallbackEndpoint>, CallbackEndpointPatterns> compile) {
      this.discovery = discovery;
      this.compile = compile;
    }

    /**
     * The endpoints, discovering them first if that has not happened yet; does not compile them.
     *
     * @return the endpoints in the order discovered, unmodifiable
     */
    public List<CallbackEndpoint> endpoints() {
      List<CallbackEndpoint> current = discovered;
      if (current == null) {
        synchronized (this) {
          current = discovered;
          if (current == null) {
            current = List.copyOf(discovery.get());
            discovered = current;
          }
        }
      }
      return current;
    }

    /**
     * The patterns if they are compiled already, else {@code null}; never discovers nor compiles them.
     *
     * @return the patterns, or {@code null} when not yet compiled
     */
    public @Nullable CallbackEndpointPatterns ifDiscovered() {
      return compiled;
    }

    @Override
    public CallbackEndpointPatterns get() {
      CallbackEndpointPatterns current = compiled;
      if (current == null) {
        List<CallbackEndpoint> found = endpoints();
        synchronized (this) {
          current = compiled;
          if (current == null) {
            current = compile.apply(found);
            compiled = current;
          }
        }
      }
      return current;
    }
  }
}
