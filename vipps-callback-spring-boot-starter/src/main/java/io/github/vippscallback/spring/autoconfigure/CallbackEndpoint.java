package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One guarded endpoint: a path pattern relative to the context path (any servlet path included), the
 * HTTP methods it is guarded for, whether it takes a Vipps webhook signature, and the mapping's other
 * request conditions ({@code params}, {@code headers}, {@code consumes}, {@code produces}).
 *
 * @param pattern a Spring {@code PathPattern}, e.g. {@code /vipps/callbacks/{orderId}}
 * @param methods the upper-case HTTP methods; empty means every method
 * @param signature whether a webhook signature is required ({@link VippsCallback#signature()})
 * @param conditions the handler mapping's other conditions; {@link RequestConditions#NONE} for none
 */
public record CallbackEndpoint(
    String pattern, Set<String> methods, VippsCallback.Signature signature, RequestConditions conditions) {

  /**
   * Checks and copies: the methods are upper-cased and sorted.
   *
   * @param pattern a Spring {@code PathPattern}, e.g. {@code /vipps/callbacks/{orderId}}
   * @param methods the upper-case HTTP methods; empty means every method
   * @param signature whether a webhook signature is required ({@link VippsCallback#signature()})
   * @param conditions the handler mapping's other conditions; {@link RequestConditions#NONE} for none
   */
  public CallbackEndpoint {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(conditions, "conditions");
    TreeSet<String> upper = new TreeSet<>();
    for (String method : methods) {
      upper.add(method.toUpperCase(Locale.ROOT));
    }
    methods = java.util.Collections.unmodifiableSet(upper);
  }

  /**
   * An endpoint without further request conditions.
   *
   * @param pattern the path pattern, as the handler mapping has it
   * @param methods the HTTP methods guarded; empty for every method
   * @param signature whether the endpoint requires a webhook signature
   */
  public CallbackEndpoint(String pattern, Set<String> methods, VippsCallback.Signature signature) {
    this(pattern, methods, signature, RequestConditions.NONE);
  }

  /**
   * An endpoint that takes a signature when a webhook secret applies ({@link VippsCallback.Signature#AUTO}).
   *
   * @param pattern the path pattern, as the handler mapping has it
   * @param methods the HTTP methods guarded; empty for every method
   */
  public CallbackEndpoint(String pattern, Set<String> methods) {
    this(pattern, methods, VippsCallback.Signature.AUTO);
  }

  /**
   * Whether every HTTP method is guarded.
   *
   * @return {@code true} when the endpoint's mapping names no method
   */
  public boolean anyMethod() {
    return methods.isEmpty();
  }

  /**
   * E.g. {@code POST /vipps/callbacks/{orderId}}, {@code * /vipps/**} for every method, or
   * {@code POST /p/hook [params=[vipps]]} with conditions.
   */
  @Override
  public String toString() {
    String text = (methods.isEmpty() ? "*" : String.join(",", methods)) + " " + pattern;
    return conditions.isEmpty() ? text : text + " [" + conditions + "]";
  }
}
