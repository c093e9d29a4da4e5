package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints;
import io.github.vippscallback.spring.reactive.ReactiveWebhookSignatures;
import io.github.vippscallback.spring.reactive.VippsCallbackWebFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Auto-configuration of the Vipps callback guard for a Spring WebFlux application: the same allowlist,
 * client address resolver and request guard as on Spring MVC ({@link VippsCallbackCoreConfiguration}), the
 * {@link ReactiveCallbackEndpoints} ({@link VippsCallback} handler mappings of WebFlux's {@code
 * RequestMappingHandlerMapping}s plus {@code vipps.callback.paths}) and the webhook signatures. Every bean
 * backs off when the application defines its own.
 *
 * <p>When Spring Security is not in use, it registers the {@link VippsCallbackWebFilter} {@value
 * #WEB_FILTER_BEAN}; with Spring Security, {@link VippsCallbackReactiveSecurityAutoConfiguration}
 * contributes a {@code SecurityWebFilterChain} instead. It is ordered after Boot's reactive security
 * auto-configurations, so that it sees whether Spring Security is set up.
 *
 * <p>{@code vipps.callback.enabled=false} switches it off.
 */
@AutoConfiguration(afterName = {
    SpringBootLines.REACTIVE_USER_DETAILS_4, SpringBootLines.REACTIVE_WEB_SECURITY_4,
    SpringBootLines.REACTIVE_MANAGEMENT_WEB_SECURITY_4, SpringBootLines.WEB_FLUX_4,
    SpringBootLines.REACTIVE_USER_DETAILS_3, SpringBootLines.REACTIVE_WEB_SECURITY_3,
    SpringBootLines.REACTIVE_MANAGEMENT_WEB_SECURITY_3, SpringBootLines.WEB_FLUX_3})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({RequestMappingHandlerMapping.class, CallbackGuard.class})
@ConditionalOnBooleanProperty(name = VippsCallbackProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(VippsCallbackProperties.class)
@Import(VippsCallbackCoreConfiguration.class)
public final class VippsCallbackReactiveAutoConfiguration {

  /** The name of the {@code WebFilter} used when Spring Security is not in use. */
  public static final String WEB_FILTER_BEAN = "vippsCallbackWebFilter";

  /** Spring Security's WebFilter, defined where Spring Security's reactive web security is set up. */
  static final String SPRING_SECURITY_WEB_FILTER =
      "org.springframework.security.config.annotation.web.reactive.WebFluxSecurityConfiguration.WebFilterChainFilter";
  static final String SERVER_HTTP_SECURITY =
      "org.springframework.security.config.web.server.ServerHttpSecurity";

  VippsCallbackReactiveAutoConfiguration() {}

  /**
   * The {@link VippsCallback} handler mappings of every WebFlux {@code RequestMappingHandlerMapping}
   * (relative to {@code spring.webflux.base-path}) plus {@code vipps.callback.paths}; discovered once the
   * context is ready.
   */
  @Bean
  @ConditionalOnMissingBean
  ReactiveCallbackEndpoints vippsCallbackEndpoints(ListableBeanFactory beanFactory,
      VippsCallbackProperties properties, ObjectProvider<WebhookSignatures> signatures) {
    // WebFlux matches paths relative to spring.webflux.base-path: no prefix.
    CallbackEndpointDiscovery discovery = new CallbackEndpointDiscovery(new ReactiveHandlerMappings(beanFactory),
        () -> "", CallbackEndpointDiscovery.checkPaths(properties.getPaths()));
    return ReactiveCallbackEndpoints.discoveredBy(new CallbackEndpointPatterns.Lazy(discovery,
        found -> CallbackEndpointPatterns.signed(found, WebhookSignatures.groupsOf(signatures.getIfUnique()))));
  }

  /**
   * Which guarded endpoints take a webhook signature with which secret, decided and reported once every
   * singleton exists, exactly as on Spring MVC.
   *
   * @throws VippsCallbackConfigurationException when a webhook property is bad
   */
  @Bean
  WebhookSignatures vippsWebhookSignatures(
      ReactiveCallbackEndpoints endpoints,
      VippsCallbackProperties properties,
      ObjectProvider<CallbackObserver> observers) {
    return new WebhookSignatures(
        endpoints::endpoints,
        () -> "",
        properties.getWebhook(),
        CompositeCallbackObserver.of(observers.orderedStream().toList()),
        properties.getMode(),
        !properties.getTrustedProxies().isEmpty());
  }

  /**
   * Checks, before the application serves, that the guard is in front of every guarded endpoint (with Spring
   * Security: that no {@code SecurityWebFilterChain} ordered before the starter's takes one), then says so.
   */
  @Bean(VippsCallbackAutoConfiguration.STARTUP_REPORT_BEAN)
  static StartupReport vippsCallbackStartupReport(
      ObjectProvider<ReactiveCallbackEndpoints> endpoints,
      ObjectProvider<io.github.vippscallback.allowlist.VippsAllowlist> allowlist,
      ObjectProvider<StartupCheck> checks,
      ListableBeanFactory beanFactory,
      Environment environment) {
    Supplier<@Nullable List<CallbackEndpoint>> guarded = () -> {
      ReactiveCallbackEndpoints registry = endpoints.getIfUnique();
      return registry == null ? null : registry.endpoints();
    };
    return new StartupReport(guarded, allowlist, () -> mechanism(beanFactory, guarded),
        () -> checks.orderedStream().toList(), () -> ForwardedHeadersAdvice.warning(environment, true));
  }


  /**
   * What guards the endpoints.
   *
   * @throws VippsCallbackNotGuardedException when neither the starter's chain nor its filter is defined
   */
  private static String mechanism(ListableBeanFactory beanFactory, Supplier<@Nullable List<CallbackEndpoint>> guarded) {
    String chain = VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_BEAN;
    if (beanFactory.containsBean(chain)) {
      return "the Spring Security web filter chain '" + chain + "'";
    }
    List<CallbackEndpoint> endpoints = guarded.get();
    if (beanFactory.containsBean(WEB_FILTER_BEAN)) {
      if (beanFactory.containsBean(SPRING_SECURITY_WEB_FILTER)) {
        // The filter lets Vipps through, then Spring Security's chains (Boot's default: a login) refuse it.
        throw VippsCallbackNotGuardedException.missingGuard(endpoints == null ? List.of() : endpoints,
            "Spring Security is set up (the WebFilter '" + SPRING_SECURITY_WEB_FILTER + "' is defined) but the"
                + " starter's chain '" + chain + "' is not: its WebFilter would let Vipps through to Spring"
                + " Security's chains, which do not know the callback endpoints (a login for Vipps' requests,"
                + " or an open endpoint)",
            "Let VippsCallbackReactiveSecurityAutoConfiguration run after Spring Boot's reactive security"
                + " auto-configuration (do not exclude it; on " + SpringBootLines.supportedText() + " it does),"
                + " or define the SecurityWebFilterChain bean '" + chain + "' yourself.");
      }
      return "the WebFilter '" + WEB_FILTER_BEAN + "'";
    }
    throw VippsCallbackNotGuardedException.missingGuard(endpoints == null ? List.of() : endpoints,
        "neither the Spring Security web filter chain '" + chain + "' nor the WebFilter '" + WEB_FILTER_BEAN
            + "' is defined (with Spring Security set up, VippsCallbackReactiveSecurityAutoConfiguration defines the"
            + " chain; without it, VippsCallbackReactiveAutoConfiguration defines the filter)", "Do not exclude"
            + " VippsCallbackReactiveSecurityAutoConfiguration, or define the SecurityWebFilterChain bean '" + chain
            + "' yourself.");
  }

  /**
   * Without Spring Security (not on the class path, or not set up), a {@code WebFilter} guards the
   * endpoints. Spring Security's absence must not bring in anything else: no login, no other rule.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(type = SERVER_HTTP_SECURITY)
  static class WebFilterConfiguration {

    @Bean(name = WEB_FILTER_BEAN)
    @ConditionalOnMissingBean(name = WEB_FILTER_BEAN)
    VippsCallbackWebFilter vippsCallbackWebFilter(
        ReactiveCallbackEndpoints endpoints, CallbackGuard guard) {
      return new VippsCallbackWebFilter(endpoints, guard, new ReactiveWebhookSignatures(endpoints));
    }
  }
}
