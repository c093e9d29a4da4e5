package io.github.vippscallback.containers;

import java.util.List;

/**
 * What a container deploys: {@link CallbackServlet} at {@value #SERVLET_PATTERN}, the filters in front
 * of it in order, and, when {@code startupListener}, {@link io.github.vippscallback.servlet.VippsCallbackStartup}
 * as a listener (a WAR finds it as an initializer by itself).
 *
 * @param filters the filters, in the order they run
 * @param startupListener whether to add the startup listener
 */
public record Deployment(List<FilterSpec> filters, boolean startupListener) {

  /** The servlet's URL pattern. */
  public static final String SERVLET_PATTERN = "/vipps/*";

  public Deployment {
    filters = List.copyOf(filters);
  }
}
