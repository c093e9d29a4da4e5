package io.github.vippscallback.spring;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One guarded endpoint: a path pattern relative to the context path (any servlet path included) and the
 * HTTP methods it is guarded for.
 *
 * @param pattern a Spring {@code PathPattern}, e.g. {@code /vipps/callbacks/{orderId}}
 * @param methods the upper-case HTTP methods; empty means every method
 */
public record CallbackEndpoint(String pattern, Set<String> methods) {

  /** Checks and copies: the methods are upper-cased and sorted. */
  public CallbackEndpoint {
    Objects.requireNonNull(pattern, "pattern");
    TreeSet<String> upper = new TreeSet<>();
    for (String method : methods) {
      upper.add(method.toUpperCase(Locale.ROOT));
    }
    methods = java.util.Collections.unmodifiableSet(upper);
  }

  /** Whether every HTTP method is guarded. */
  public boolean anyMethod() {
    return methods.isEmpty();
  }

  /** E.g. {@code POST /vipps/callbacks/{orderId}}, or {@code * /vipps/**} for every method. */
  @Override
  public String toString() {
    return (methods.isEmpty() ? "*" : String.join(",", methods)) + " " + pattern;
  }
}
