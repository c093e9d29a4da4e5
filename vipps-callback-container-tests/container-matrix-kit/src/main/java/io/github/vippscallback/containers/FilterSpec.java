package io.github.vippscallback.containers;

import jakarta.servlet.Filter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One filter to declare: by class with init-parameters (as {@code web.xml} does), or as an instance made
 * by a builder; mapped to one URL pattern, in declaration order.
 *
 * @param name the filter name
 * @param type the filter class
 * @param instance the filter made by a builder, or {@code null} to let the container make one
 * @param initParameters the init-parameters (empty for an instance)
 * @param urlPattern the one URL pattern it is mapped to
 */
public record FilterSpec(
    String name,
    Class<? extends Filter> type,
    @Nullable Filter instance,
    Map<String, String> initParameters,
    String urlPattern) {

  public FilterSpec {
    initParameters = Map.copyOf(initParameters);
  }
}
