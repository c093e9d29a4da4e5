package io.github.vippscallback.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A {@link FilterConfig} holding a name and init-parameters, for calling {@code init} directly. */
record MapFilterConfig(String filterName, Map<String, String> parameters) implements FilterConfig {

  MapFilterConfig {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  static MapFilterConfig of(Map<String, String> parameters) {
    return new MapFilterConfig("vippsCallback", parameters);
  }

  @Override
  public String getFilterName() {
    return filterName;
  }

  /** No servlet context: the filter must not need one. */
  @Override
  public @Nullable ServletContext getServletContext() {
    return null;
  }

  @Override
  public @Nullable String getInitParameter(String name) {
    return parameters.get(name);
  }

  @Override
  public Enumeration<String> getInitParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }
}
