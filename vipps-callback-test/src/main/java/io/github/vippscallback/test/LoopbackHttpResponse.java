package io.github.vippscallback.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP response as {@link LoopbackHttpClient} received it.
 *
 * @param status the status code, e.g. {@code 403}
 * @param headers every header, names in lower case, values in the order received
 * @param body the body decoded as UTF-8 (de-chunked when it was sent chunked)
 */
public record LoopbackHttpResponse(int status, Map<String, List<String>> headers, String body) {

  /**
   * Copies the headers, lower-casing their names.
   *
   * @param status the status code, e.g. {@code 403}
   * @param headers every header, names in lower case, values in the order received
   * @param body the body decoded as UTF-8 (de-chunked when it was sent chunked)
   */
  public LoopbackHttpResponse {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
        (a, b) -> {
          List<String> both = new ArrayList<>(a);
          both.addAll(b);
          return List.copyOf(both);
        }));
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * The first value of header {@code name} (any case), or {@code null} when absent.
   *
   * @param name the header name, in any case
   * @return the header's first value, or {@code null}
   */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Every value of header {@code name} (any case), empty when absent.
   *
   * @param name the header name, in any case
   * @return the header's values, in order
   */
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }
}
