package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.servlet.VippsRequestGuard;
import io.github.vippscallback.spring.VippsCallback;
import jakarta.servlet.DispatcherType;
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
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Auto-configuration of the Vipps callback guard for a Spring MVC servlet application: the
 * {@link VippsAllowlist} {@value #ALLOWLIST_BEAN} (started with the context and closed with it), the
 * {@link ClientAddressResolver}, the {@link VippsRequestGuard} (telling every {@link CallbackObserver}
 * bean) and the {@link VippsCallbackEndpoints}. Every bean backs off when the application defines its own.
 *
 * <p>When Spring Security is not in use, it also registers a servlet filter that applies the guard to the
 * endpoints; with Spring Security, {@link VippsCallbackSecurityAutoConfiguration} contributes a
 * {@code SecurityFilterChain} instead. It is ordered after Boot's security auto-configurations, so that
 * it sees whether Spring Security is set up.
 *
 * <p>{@code vipps.callback.enabled=false} switches it off.
 */
@AutoConfiguration(afterName = {
    SpringBootLines.SERVLET_WEB_SECURITY_4, SpringBootLines.MANAGEMENT_WEB_SECURITY_4, SpringBootLines.WEB_MVC_4,
    SpringBootLines.SERVLET_WEB_SECURITY_3, SpringBootLines.MANAGEMENT_WEB_SECURITY_3, SpringBootLines.WEB_MVC_3})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({RequestMappingHandlerMapping.class, VippsRequestGuard.class})
@ConditionalOnBooleanProperty(name = VippsCallbackProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(VippsCallbackProperties.class)
@Import(VippsCallbackCoreConfiguration.class)
public final class VippsCallbackAutoConfiguration {

  /** The name of the allowlist bean. */
  public static final String ALLOWLIST_BEAN = "vippsCallbackAllowlist";
  /** The name of the servlet filter's registration, used when Spring Security is not in use. */
  public static final String FILTER_REGISTRATION_BEAN = "vippsCallbackFilterRegistration";
  /**
   * The name of the bean that checks and reports the guard at start-up; each web stack's auto-configuration
   * defines one, and an application that asks for a guard without one does not start
   * ({@link VippsCallbackCoverageAutoConfiguration}).
   */
  public static final String STARTUP_REPORT_BEAN = "vippsCallbackStartupReport";
  /**
   * The order of the servlet filter: early, right after Boot's character-encoding and forwarded-header
   * filters, before the application's own filters.
   */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  /** Spring Security's servlet filter, defined where Spring Security's web security is set up. */
  static final String SPRING_SECURITY_FILTER_CHAIN = "springSecurityFilterChain";
  static final String HTTP_SECURITY = "org.springframework.security.config.annotation.web.builders.HttpSecurity";

  VippsCallbackAutoConfiguration() {}

  /**
   * The check on servlet requests: client address against the allowlist, telling every {@link
   * CallbackObserver} bean; in {@code vipps.callback.mode} ({@code enforce} or {@code report-only}); a 503
   * carries {@code vipps.callback.retry-after} as its {@code Retry-After}.
   */
  @Bean
  @ConditionalOnMissingBean
  VippsRequestGuard vippsRequestGuard(CallbackGuard vippsCallbackGuard) {
    return VippsRequestGuard.of(vippsCallbackGuard);
  }

  /**
   * The webhook signature check of the guarded endpoints that take one ({@link VippsCallback#signature()},
   * {@code vipps.callback.webhook.*}), applied after the address check; refusals are told to every
   * {@link CallbackObserver} bean as {@code SIGNATURE_INVALID} or {@code BODY_TOO_LARGE}.
   *
   * @throws VippsCallbackConfigurationException when a webhook property is bad
   */
  @Bean
  WebhookSignatures vippsWebhookSignatures(
      VippsCallbackEndpoints endpoints,
      ListableBeanFactory beanFactory,
      Environment environment,
      VippsCallbackProperties properties,
      ObjectProvider<CallbackObserver> observers) {
    return new WebhookSignatures(
        endpoints::endpoints,
        new ServletPathPrefix(beanFactory, environment),
        properties.getWebhook(),
        CompositeCallbackObserver.of(observers.orderedStream().toList()),
        properties.getMode(),
        !properties.getTrustedProxies().isEmpty(),
        new TypedValues(environment));
  }

  /**
   * The {@link VippsCallback} handler mappings of every {@code RequestMappingHandlerMapping}, under
   * {@code spring.mvc.servlet.path}, plus {@code vipps.callback.paths}; discovered once the context is
   * ready.
   */
  @Bean
  @ConditionalOnMissingBean
  VippsCallbackEndpoints vippsCallbackEndpoints(ListableBeanFactory beanFactory, Environment environment,
      VippsCallbackProperties properties, ObjectProvider<WebhookSignatures> signatures) {
    CallbackEndpointDiscovery discovery = new CallbackEndpointDiscovery(new ServletHandlerMappings(beanFactory),
        new ServletPathPrefix(beanFactory, environment), CallbackEndpointDiscovery.checkPaths(properties.getPaths()));
    return new VippsCallbackEndpoints(new CallbackEndpointPatterns.Lazy(discovery,
        found -> CallbackEndpointPatterns.signed(found, WebhookSignatures.groupsOf(signatures.getIfUnique()))));
  }

  /**
   * Checks, before the application serves, that the guard is in front of every guarded endpoint, then says
   * so. Its name tells {@link VippsCallbackCoverageAutoConfiguration} that a web stack's guard is configured.
   */
  @Bean(STARTUP_REPORT_BEAN)
  static StartupReport vippsCallbackStartupReport(
      ObjectProvider<VippsCallbackEndpoints> endpoints,
      ObjectProvider<VippsAllowlist> allowlist,
      ObjectProvider<StartupCheck> checks,
      ListableBeanFactory beanFactory,
      Environment environment) {
    Supplier<@Nullable List<CallbackEndpoint>> guarded = () -> {
      VippsCallbackEndpoints registry = endpoints.getIfUnique();
      return registry == null ? null : registry.endpoints();
    };
    return new StartupReport(guarded, allowlist, () -> mechanism(beanFactory, guarded),
        () -> checks.orderedStream().toList(), () -> ForwardedHeadersAdvice.warning(environment, false));
  }

  /**
   * What guards the endpoints.
   *
   * @throws VippsCallbackNotGuardedException when neither the starter's chain nor its filter is defined
   */
  private static String mechanism(ListableBeanFactory beanFactory, Supplier<@Nullable List<CallbackEndpoint>> guarded) {
    if (beanFactory.containsBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN)) {
      return "the Spring Security filter chain '" + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN + "'";
    }
    List<CallbackEndpoint> endpoints = guarded.get();
    if (beanFactory.containsBean(FILTER_REGISTRATION_BEAN)) {
      if (beanFactory.containsBean(SPRING_SECURITY_FILTER_CHAIN)) {
        // The filter lets Vipps through, then Spring Security's chains (Boot's default: a login) refuse it.
        throw VippsCallbackNotGuardedException.missingGuard(endpoints == null ? List.of() : endpoints,
            "Spring Security is set up (the filter '" + SPRING_SECURITY_FILTER_CHAIN + "' is defined) but the"
                + " starter's chain '" + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN + "' is not:"
                + " its servlet filter would let Vipps through to Spring Security's chains, which do not know"
                + " the callback endpoints (a login for Vipps' requests, or an open endpoint)",
            "Let VippsCallbackSecurityAutoConfiguration run after Spring Boot's security auto-configuration"
                + " (do not exclude it; on " + SpringBootLines.supportedText() + " it does), or define the"
                + " SecurityFilterChain bean '" + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN
                + "' yourself.");
      }
      return "the servlet filter '" + FILTER_REGISTRATION_BEAN + "'";
    }
    throw VippsCallbackNotGuardedException.missingGuard(endpoints == null ? List.of() : endpoints,
        "neither the Spring Security filter chain '" + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN
            + "' nor the servlet filter '" + FILTER_REGISTRATION_BEAN + "' is defined (with Spring Security set"
            + " up, VippsCallbackSecurityAutoConfiguration defines the chain; without it, VippsCallbackAutoConfiguration"
            + " defines the filter)", "Do not exclude VippsCallbackSecurityAutoConfiguration, or define the"
            + " SecurityFilterChain bean '" + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN + "' yourself.");
  }

  /**
   * Without Spring Security (not on the class path, or not set up), a servlet filter guards the
   * endpoints. Spring Security's absence must not bring in anything else: no login, no other rule.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(type = HTTP_SECURITY)
  static class ServletFilterConfiguration {

    @Bean(name = FILTER_REGISTRATION_BEAN)
    @ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN)
    FilterRegistrationBean<VippsCallbackEndpointFilter> vippsCallbackFilterRegistration(
        VippsCallbackEndpoints endpoints, VippsRequestGuard guard, WebhookSignatures signatures) {
      FilterRegistrationBean<VippsCallbackEndpointFilter> registration =
          new FilterRegistrationBean<>(new VippsCallbackEndpointFilter(endpoints, guard, signatures));
      registration.setName("vippsCallbackFilter");
      registration.setOrder(FILTER_ORDER);
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE);
      registration.addUrlPatterns("/*");
      return registration;
    }
  }
}
