package io.github.vippscallback.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The narrowing conditions of a guarded handler mapping besides its paths and methods: its
 * {@code params}, {@code headers}, {@code consumes} and {@code produces}, as declared, and the web stack's own
 * test of them. A request for the mapping's path and method that fails them is not for this handler (the web
 * framework would pick another one, or none), so it is not guarded by it.
 *
 * <p>The declared expressions describe the conditions in logs and messages and decide equality; the test is
 * the framework's own condition objects of the mapping, so a request is judged exactly as the dispatcher judges
 * it. Each web stack supplies its own test (servlet: Spring MVC's conditions on an {@code HttpServletRequest}).
 */
public final class RequestConditions {

  /** No conditions: every request for the path and method is for the handler. */
  public static final RequestConditions NONE =
      new RequestConditions(List.of(), List.of(), List.of(), List.of(), null);

  private final List<String> params;
  private final List<String> headers;
  private final List<String> consumes;
  private final List<String> produces;
  private final @Nullable Predicate<Object> test;

  private RequestConditions(List<String> params, List<String> headers, List<String> consumes,
      List<String> produces, @Nullable Predicate<Object> test) {
    this.params = List.copyOf(params);
    this.headers = List.copyOf(headers);
    this.consumes = List.copyOf(consumes);
    this.produces = List.copyOf(produces);
    this.test = test;
  }

  /**
   * A mapping's conditions as its web stack holds them: the declared expressions of each kind, and the
   * stack's own condition objects' tests of a request, as its handler mapping runs them.
   *
   * @param <R> the stack's request type ({@code HttpServletRequest}, {@code ServerWebExchange})
   * @param params the {@code params} expressions, e.g. {@code vipps}, {@code !debug}, {@code kind=payment}
   * @param headers the {@code headers} expressions other than {@code Accept} and {@code Content-Type}
   * @param consumes the {@code consumes} media type expressions, e.g. {@code application/json}
   * @param produces the {@code produces} media type expressions
   * @param requestType the stack's request type; a request of another type meets the conditions
   * @param tests each condition object's test: {@code null} when the request fails it
   * @param after what to do once a request is tested (e.g. clear what a test cached on it)
   * @return the conditions, or {@link #NONE} when there are no expressions
   */
  public static <R> RequestConditions of(Collection<?> params, Collection<?> headers, Collection<?> consumes,
      Collection<?> produces, Class<R> requestType, List<Function<R, @Nullable Object>> tests, Consumer<R> after) {
    if (params.isEmpty() && headers.isEmpty() && consumes.isEmpty() && produces.isEmpty()) {
      return NONE;
    }
    List<Function<R, @Nullable Object>> all = List.copyOf(tests);
    return new RequestConditions(texts(params), texts(headers), texts(consumes), texts(produces),
        request -> !requestType.isInstance(request) || meets(requestType.cast(request), all, after));
  }

  /** Every test passes; one that throws counts as passed: in doubt, the endpoint is guarded. */
  private static <R> boolean meets(R request, List<Function<R, @Nullable Object>> tests, Consumer<R> after) {
    try {
      for (Function<R, @Nullable Object> test : tests) {
        if (test.apply(request) == null) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return true;
    } finally {
      after.accept(request);
    }
  }

  private static List<String> texts(Collection<?> expressions) {
    List<String> texts = new ArrayList<>(expressions.size());
    for (Object expression : expressions) {
      texts.add(expression.toString());
    }
    return texts;
  }

  /**
   * Whether there is no condition.
   *
   * @return {@code true} when every request meets these conditions
   */
  public boolean isEmpty() {
    return test == null;
  }

  /**
   * Whether {@code request} (the web stack's request type) meets every condition.
   *
   * @param request the request, of the web stack's request type
   * @return {@code true} when {@code request} meets every condition
   */
  public boolean test(Object request) {
    Predicate<Object> current = test;
    return current == null || current.test(request);
  }

  /**
   * The {@code params} expressions.
   *
   * @return the {@code params} expressions, unmodifiable
   */
  public List<String> params() {
    return params;
  }

  /**
   * The {@code headers} expressions.
   *
   * @return the {@code headers} expressions, unmodifiable
   */
  public List<String> headers() {
    return headers;
  }

  /**
   * The {@code consumes} expressions.
   *
   * @return the {@code consumes} expressions, unmodifiable
   */
  public List<String> consumes() {
    return consumes;
  }

  /**
   * The {@code produces} expressions.
   *
   * @return the {@code produces} expressions, unmodifiable
   */
  public List<String> produces() {
    return produces;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RequestConditions that && params.equals(that.params) && headers.equals(that.headers)
        && consumes.equals(that.consumes) && produces.equals(that.produces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(params, headers, consumes, produces);
  }

  /** E.g. {@code params=[vipps] consumes=[application/json]}; empty for {@link #NONE}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>(4);
    add(parts, "params", params);
    add(parts, "headers", headers);
    add(parts, "consumes", consumes);
    add(parts, "produces", produces);
    return String.join(" ", parts);
  }

  private static void add(List<String> parts, String name, List<String> values) {
    if (!values.isEmpty()) {
      parts.add(name + "=" + values);
    }
  }
}
