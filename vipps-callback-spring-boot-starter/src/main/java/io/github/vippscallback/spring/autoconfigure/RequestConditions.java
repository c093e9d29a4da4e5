package io.github.vippscallback.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
   * Conditions as declared on a mapping, with the web stack's test of a request against them.
   *
   * @param params the {@code params} expressions, e.g. {@code vipps}, {@code !debug}, {@code kind=payment}
   * @param headers the {@code headers} expressions other than {@code Accept} and {@code Content-Type}
   * @param consumes the {@code consumes} media type expressions, e.g. {@code application/json}
   * @param produces the {@code produces} media type expressions
   * @param test whether a request (the stack's request type) meets them; {@code true} when in doubt
   * @return the conditions, or {@link #NONE} when all four lists are empty
   */
  public static RequestConditions of(List<String> params, List<String> headers, List<String> consumes,
      List<String> produces, Predicate<Object> test) {
    Objects.requireNonNull(test, "test");
    if (params.isEmpty() && headers.isEmpty() && consumes.isEmpty() && produces.isEmpty()) {
      return NONE;
    }
    return new RequestConditions(params, headers, consumes, produces, test);
  }

  /** Whether there is no condition. */
  public boolean isEmpty() {
    return test == null;
  }

  /** Whether {@code request} (the web stack's request type) meets every condition. */
  public boolean test(Object request) {
    Predicate<Object> current = test;
    return current == null || current.test(request);
  }

  /** The {@code params} expressions. */
  public List<String> params() {
    return params;
  }

  /** The {@code headers} expressions. */
  public List<String> headers() {
    return headers;
  }

  /** The {@code consumes} expressions. */
  public List<String> consumes() {
    return consumes;
  }

  /** The {@code produces} expressions. */
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
