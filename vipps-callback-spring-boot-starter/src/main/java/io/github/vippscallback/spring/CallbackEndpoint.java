package io.github.vippscallback.spring;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One guarded endpoint: a path pattern relative to the context path (any servlet path included), the
 * HTTP methods it is guarded for, and whether it takes a Vipps webhook signature.
 *
 * @param pattern a Spring {@code PathPattern}, e.g. {@code /vipps/callbacks/{orderId}}
 * @param methods the upper-case HTTP methods; empty means every method
 * @param signature whether a webhook signature is required ({@link VippsCallback#signature()})
 */
public record CallbackEndpoint(String pattern, Set<String> methods, VippsCallback.Signature signature) {

  /** Checks and copies: the methods are upper-cased and sorted. */
  public CallbackEndpoint {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(signature, "signature");
    TreeSet<String> upper = new TreeSet<>();
    for (String method : methods) {
      upper.add(method.toUpperCase(Locale.ROOT));
    }
    methods = java.util.Collections.unmodifiableSet(upper);
  }

  /** An endpoint that takes a signature when a webhook secret applies ({@link VippsCallback.Signature#AUTO}). */
  public CallbackEndpoint(String pattern, Set<String> methods) {
    this(pattern, methods, VippsCallback.Signature.AUTO);
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
