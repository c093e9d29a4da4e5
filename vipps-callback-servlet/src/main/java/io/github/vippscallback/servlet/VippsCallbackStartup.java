package io.github.vippscallback.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the allowlist of every {@link VippsCallbackFilter} configured by init-parameters when the web
 * application is deployed, not when the container first initialises the filter, and stops it when the
 * application is undeployed. Undertow, for one, initialises filters at the first request that passes them:
 * without this, the first callback after every deployment would meet an allowlist that has not asked DNS
 * yet, and be answered 503.
 *
 * <p>Nothing to do in a WAR: the container finds this class as a {@link ServletContainerInitializer}
 * ({@code META-INF/services} of this module's jar), reads the filters declared in {@code web.xml} (and
 * those registered before it runs), and adds itself as a listener that reads any registered later, when
 * the container lets such a listener read the registrations. An embedded server that runs no initializers
 * from jars (embedded Tomcat's {@code addContext}, Jetty's {@code ServletContextHandler}, Undertow's
 * {@code DeploymentInfo}) takes it as a {@link ServletContextListener}, e.g. {@code
 * deploymentInfo.addListener(Servlets.listener(VippsCallbackStartup.class))}, or in {@code web.xml} as
 * {@code <listener-class>}. A filter it does not reach starts its allowlist in its own {@code init}, as
 * before.
 *
 * <p>A filter is started by its init-parameters: filters with the same init-parameters, a filter declared
 * twice or initialised again share one allowlist and one refresh thread, closed when the last of them is
 * destroyed and the application is undeployed. A filter made with {@link VippsCallbackFilter#builder} is
 * not touched: its allowlist is its caller's to start. A missing or bad init-parameter stops the
 * deployment with the same message the filter's {@code init} gives.
 */
public final class VippsCallbackStartup implements ServletContainerInitializer, ServletContextListener {

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackStartup.class);

  private final List<StartedAllowlists.Lease> leases = new ArrayList<>();
  private final Set<String> startedFilters = new HashSet<>();

  /** For the container: found as an initializer, or declared as a listener. */
  public VippsCallbackStartup() {}

  /**
   * Starts the allowlists of the filters registered so far and adds a listener that starts those
   * registered later and stops them all when the application is undeployed.
   *
   * @param classes none: this initializer asks for no classes
   * @param context the web application's context
   *
   * @throws ServletException naming the filter and the init-parameter, when one is missing, bad or
   *     unknown, or an allowlist cannot start
   */
  @Override
  public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context) throws ServletException {
    VippsCallbackStartup listener = new VippsCallbackStartup();
    listener.startFilters(context);
    context.addListener(listener);
  }

  /**
   * Starts the allowlists of the filters registered by now that no one started yet.
   *
   * @param event the deployment's event
   *
   * @throws IllegalStateException naming the filter and the init-parameter, when one is missing, bad or
   *     unknown, or an allowlist cannot start
   */
  @Override
  public void contextInitialized(ServletContextEvent event) {
    try {
      startFilters(event.getServletContext());
    } catch (UnsupportedOperationException e) {
      // The Servlet specification lets a listener added by an initializer not read the registrations
      // (Jetty enforces it): the initializer read those there were, and a later one starts at its init.
      LOG.debug("Cannot read the filter registrations from a listener added by an initializer: {}", e.toString());
    } catch (ServletException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Stops the allowlists this startup started, once no filter holds them any more.
   *
   * @param event the undeployment's event
   */
  @Override
  public void contextDestroyed(ServletContextEvent event) {
    List<StartedAllowlists.Lease> held;
    synchronized (this) {
      held = new ArrayList<>(leases);
      leases.clear();
      startedFilters.clear();
    }
    held.forEach(StartedAllowlists.Lease::close);
  }

  private synchronized void startFilters(ServletContext context) throws ServletException {
    StartedAllowlists allowlists = StartedAllowlists.of(context);
    for (FilterRegistration registration : context.getFilterRegistrations().values()) {
      if (!VippsCallbackFilter.class.getName().equals(registration.getClassName())
          || registration.getInitParameters().isEmpty()
          || startedFilters.contains(registration.getName())) {
        continue; // not ours, made by the builder (the caller starts it), or started already
      }
      leases.add(allowlists.acquire(new RegistrationConfig(registration, context)));
      startedFilters.add(registration.getName());
      LOG.info("VippsCallbackFilter '{}': resolving the Vipps request servers from deployment, before the"
          + " filter's first request", registration.getName());
    }
  }

  /** A filter registration read as the filter's config. */
  private record RegistrationConfig(FilterRegistration registration, ServletContext context)
      implements FilterConfig {

    @Override
    public String getFilterName() {
      return registration.getName();
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }

    @Override
    public @Nullable String getInitParameter(String name) {
      return registration.getInitParameter(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
      return Collections.enumeration(registration.getInitParameters().keySet());
    }
  }
}
