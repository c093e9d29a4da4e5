package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.servlet.VippsRequestGuard;
import io.github.vippscallback.spring.VippsCallbackRejectionHandler;
import io.github.vippscallback.spring.VippsRequestServersAuthorizationManager;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Spring Security wiring of the Vipps callback guard: the {@code AuthorizationManager}
 * {@value #AUTHORIZATION_MANAGER_BEAN} and the starter's own {@code SecurityFilterChain}
 * {@value #FILTER_CHAIN_BEAN}, ordered ({@link #FILTER_CHAIN_ORDER}) ahead of the application's chains,
 * whose security matcher is exactly the {@link VippsCallbackEndpoints}. In it: access only from Vipps'
 * request servers, no CSRF token, no session, no login; a refused request gets the guard's 403 or 503; the
 * error dispatch of a request it took (a handler that threw) is answered here too, without a new check.
 * After the authorization, the webhook signature check of the endpoints that take one (401 or 413), so a
 * stranger's body is never read.
 *
 * <p>Before the application serves, {@link SecurityChainOrderCheck} makes sure that no chain ordered before
 * the starter's takes a guarded endpoint's requests.
 *
 * <p>It is ordered after Boot's servlet web security auto-configuration on purpose: Boot defines its
 * default chain (login for everything) only when no {@code SecurityFilterChain} bean exists yet, so the
 * starter's chain, registered later, never makes that default disappear; chains of the application's own
 * are registered before any auto-configuration and stay as they are.
 */
@AutoConfiguration(
    after = VippsCallbackAutoConfiguration.class,
    afterName = {
        SpringBootLines.SERVLET_WEB_SECURITY_4, SpringBootLines.MANAGEMENT_WEB_SECURITY_4,
        SpringBootLines.SERVLET_WEB_SECURITY_3, SpringBootLines.MANAGEMENT_WEB_SECURITY_3})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class, VippsRequestGuard.class})
@ConditionalOnBooleanProperty(name = VippsCallbackProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean({HttpSecurity.class, VippsRequestGuard.class, VippsCallbackEndpoints.class})
public final class VippsCallbackSecurityAutoConfiguration {

  /** The name of the {@code AuthorizationManager<RequestAuthorizationContext>} bean. */
  public static final String AUTHORIZATION_MANAGER_BEAN = "vippsRequestServers";
  /** The name of the starter's {@code SecurityFilterChain} bean. */
  public static final String FILTER_CHAIN_BEAN = "vippsCallbackSecurityFilterChain";
  /** The order of the starter's chain: ahead of the application's chains (and of Boot's default). */
  public static final int FILTER_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  VippsCallbackSecurityAutoConfiguration() {}

  /** Grants only requests from Vipps' request servers; compose it into chains of your own. */
  @Bean(AUTHORIZATION_MANAGER_BEAN)
  @ConditionalOnMissingBean(name = AUTHORIZATION_MANAGER_BEAN)
  VippsRequestServersAuthorizationManager vippsRequestServers(VippsRequestGuard guard) {
    return VippsRequestServersAuthorizationManager.vippsRequestServers(guard);
  }

  /**
   * The starter's chain for exactly the guarded endpoints.
   *
   * @throws Exception when Spring Security cannot build the chain
   */
  @Bean(FILTER_CHAIN_BEAN)
  @Order(FILTER_CHAIN_ORDER)
  @ConditionalOnMissingBean(name = FILTER_CHAIN_BEAN)
  SecurityFilterChain vippsCallbackSecurityFilterChain(
      HttpSecurity http,
      VippsCallbackEndpoints endpoints,
      @Qualifier(AUTHORIZATION_MANAGER_BEAN) AuthorizationManager<RequestAuthorizationContext> vippsRequestServers,
      VippsRequestGuard guard,
      WebhookSignatures signatures) throws Exception {
    VippsCallbackRejectionHandler rejection = new VippsCallbackRejectionHandler(guard);
    return http
        .securityMatcher(new CallbackEndpointsRequestMatcher(endpoints))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll() // only a taken request's error dispatch
            .anyRequest().access(vippsRequestServers))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(rejection)
            .accessDeniedHandler(rejection))
        .addFilterAfter(new ServletWebhookSignatures(endpoints, signatures).asFilter(), AuthorizationFilter.class)
        .build();
  }

  /**
   * Before the application serves: no chain ordered before the starter's takes a guarded endpoint's requests.
   */
  @Bean
  static StartupCheck vippsCallbackSecurityChainOrderCheck(ListableBeanFactory beanFactory,
      Environment environment, ObjectProvider<ServletContext> servletContext) {
    return new SecurityChainOrderCheck(
        beanFactory, new ServletPathPrefix(beanFactory, environment), servletContext, environment);
  }
}
