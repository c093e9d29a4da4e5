package io.github.vippscallback.spring.autoconfigure;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The WebFlux twin of {@link SecurityChainOrderCheck}: before the application serves, for every guarded
 * endpoint (each path pattern and method, as a {@link RepresentativeExchange}), asks each {@link
 * SecurityWebFilterChain} ordered before the starter's chain whether it would take the exchange. Spring
 * Security's {@code WebFilterChainProxy} hands an exchange to the first chain that matches it, in the order of
 * the chain beans, so such a chain would decide who reaches the callback, and the start-up fails naming it.
 */
final class ReactiveSecurityChainOrderCheck implements StartupCheck {

  static final String ORDER_CONSTANT = "VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_ORDER";
  private static final Duration MATCH_TIMEOUT = Duration.ofSeconds(10);

  private final ListableBeanFactory beanFactory;
  private final Environment environment;

  ReactiveSecurityChainOrderCheck(ListableBeanFactory beanFactory, Environment environment) {
    this.beanFactory = beanFactory;
    this.environment = environment;
  }

  @Override
  public void verify(List<CallbackEndpoint> guarded) {
    String starterName = VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_BEAN;
    // the order in which Spring Security's WebFilterChainProxy gets the chains (an ordered List injection)
    List<SecurityWebFilterChain> chains =
        beanFactory.getBeanProvider(SecurityWebFilterChain.class).orderedStream().toList();
    SecurityWebFilterChain starter = beanFactory.getBean(starterName, SecurityWebFilterChain.class);
    int index = ChainsAhead.indexOf(chains, starter);
    if (index < 0) {
      throw VippsCallbackNotGuardedException.missingGuard(guarded, "the starter's chain '" + starterName
          + "' is not among the SecurityWebFilterChain beans " + chains, "Let Spring Security collect the"
          + " SecurityWebFilterChain beans (do not build the WebFilterChainProxy by hand).");
    }
    if (index == 0) {
      return;
    }
    IdentityHashMap<SecurityWebFilterChain, String> names =
        ChainsAhead.beanNames(beanFactory, SecurityWebFilterChain.class);
    String basePath = basePath(environment.getProperty("spring.webflux.base-path", ""));
    new ChainsAhead<SecurityWebFilterChain>(chains.subList(0, index),
        chain -> names.getOrDefault(chain, "(not a bean) " + chain),
        (chain, method, path) -> Boolean.TRUE.equals(
            chain.matches(RepresentativeExchange.of(method, basePath, path)).block(MATCH_TIMEOUT)))
        .verify(guarded, starterName, ORDER_CONSTANT);
  }

  /** {@code spring.webflux.base-path} as WebFlux applies it: {@code ""}, or {@code /a/b} with no trailing slash. */
  static String basePath(String configured) {
    String path = configured.strip();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.isEmpty() || path.startsWith("/") ? path : "/" + path;
  }
}
