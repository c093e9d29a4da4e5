package io.github.vippscallback.spring.autoconfigure;

import jakarta.servlet.ServletContext;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.debug.DebugFilter;

/**
 * Before the application serves: for every guarded endpoint (each path pattern and method, as a
 * {@link RepresentativeRequest}), asks each chain of Spring Security's {@link FilterChainProxy} ordered before
 * the starter's chain whether it would take the request. Spring Security hands a request to the first chain
 * that matches it, so such a chain would decide who reaches the callback, and the start-up fails naming it.
 */
final class SecurityChainOrderCheck implements StartupCheck {

  static final String ORDER_CONSTANT = "VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_ORDER";

  private final ListableBeanFactory beanFactory;
  private final Supplier<String> servletPathPrefix;
  private final ObjectProvider<ServletContext> servletContext;
  private final Environment environment;

  SecurityChainOrderCheck(ListableBeanFactory beanFactory, Supplier<String> servletPathPrefix,
      ObjectProvider<ServletContext> servletContext, Environment environment) {
    this.beanFactory = beanFactory;
    this.servletPathPrefix = servletPathPrefix;
    this.servletContext = servletContext;
    this.environment = environment;
  }

  @Override
  public void verify(List<CallbackEndpoint> guarded) {
    List<SecurityFilterChain> chains = filterChains(guarded);
    SecurityFilterChain starter = beanFactory.getBean(
        VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN, SecurityFilterChain.class);
    int index = ChainsAhead.indexOf(chains, starter);
    if (index < 0) {
      throw VippsCallbackNotGuardedException.missingGuard(guarded, "the starter's chain '"
          + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN + "' is not one of the chains of Spring"
          + " Security's FilterChainProxy " + chains, "Let Spring Security collect the SecurityFilterChain beans"
          + " (do not build the FilterChainProxy by hand).");
    }
    if (index == 0) {
      return;
    }
    IdentityHashMap<SecurityFilterChain, String> names = ChainsAhead.beanNames(beanFactory, SecurityFilterChain.class);
    @Nullable ServletContext context = servletContext.getIfAvailable();
    String contextPath = context != null ? context.getContextPath()
        : environment.getProperty("server.servlet.context-path", "");
    String prefix = servletPathPrefix.get();
    new ChainsAhead<SecurityFilterChain>(chains.subList(0, index), chain -> nameOf(chain, names),
        (chain, method, path) -> chain.matches(RepresentativeRequest.of(method, contextPath, prefix, path, context)))
        .verify(guarded, VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN, ORDER_CONSTANT);
  }

  private List<SecurityFilterChain> filterChains(List<CallbackEndpoint> guarded) {
    String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
    @Nullable Object filter = beanFactory.containsBean(name) ? beanFactory.getBean(name) : null;
    if (filter instanceof DebugFilter debug) {
      filter = debug.getFilterChainProxy();
    }
    if (filter instanceof FilterChainProxy proxy) {
      return proxy.getFilterChains();
    }
    throw VippsCallbackNotGuardedException.missingGuard(guarded, "Spring Security's filter '" + name + "' is "
        + (filter == null ? "not defined" : "a " + filter.getClass().getName() + ", not a FilterChainProxy")
        + ", so the starter cannot tell which chain takes the callbacks' requests",
        "Let Spring Security's @EnableWebSecurity (which Spring Boot applies) define '" + name + "'.");
  }

  /**
   * The bean name; for a chain without filters that is no bean, {@code web.ignoring()} and its matcher; for
   * another chain that is no bean, its description.
   */
  private static String nameOf(SecurityFilterChain chain, IdentityHashMap<SecurityFilterChain, String> names) {
    String name = names.get(chain);
    if (name != null) {
      return name;
    }
    if (chain.getFilters().isEmpty() && chain instanceof DefaultSecurityFilterChain ignoring) {
      return VippsCallbackNotGuardedException.WEB_IGNORING + " [" + ignoring.getRequestMatcher() + "]";
    }
    return "(not a bean) " + chain;
  }
}
