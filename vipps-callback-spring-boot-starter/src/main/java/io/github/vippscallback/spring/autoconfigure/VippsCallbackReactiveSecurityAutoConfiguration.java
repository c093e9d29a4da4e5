package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints;
import io.github.vippscallback.spring.reactive.ReactiveWebhookSignatures;
import io.github.vippscallback.spring.reactive.VippsCallbackServerRejectionHandler;
import io.github.vippscallback.spring.reactive.VippsRequestServersReactiveAuthorizationManager;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

/**
 * Spring Security wiring of the Vipps callback guard on WebFlux: the {@code ReactiveAuthorizationManager}
 * {@value #AUTHORIZATION_MANAGER_BEAN} (the same name as the servlet {@code AuthorizationManager}, which
 * exists only in servlet applications) and the starter's own {@code SecurityWebFilterChain} {@value
 * #WEB_FILTER_CHAIN_BEAN}, ordered ({@link #WEB_FILTER_CHAIN_ORDER}) ahead of the application's chains,
 * whose security matcher is exactly the {@link ReactiveCallbackEndpoints}. In it: access only from Vipps'
 * request servers, no CSRF token, no session, no login; a refused exchange gets the guard's 403 or 503.
 * Before the application serves, {@link ReactiveSecurityChainOrderCheck} makes sure that no chain ordered
 * before the starter's takes a guarded endpoint. After the authorization, the webhook signature check of the
 * endpoints that take one (401 or 413), so a stranger's body is never read.
 *
 * <p>Spring Security applies its own default chain (login for everything) only while no {@code
 * SecurityWebFilterChain} bean exists, and Boot adds its default only when the actuator is there. So
 * that the starter's chain never makes that default disappear, the starter then also defines {@value
 * #DEFAULT_WEB_FILTER_CHAIN_BEAN}: Spring Security's default (every exchange authenticated, HTTP Basic and
 * form login), last in order. Chains of the application's own are left as they are.
 */
@AutoConfiguration(
    after = VippsCallbackReactiveAutoConfiguration.class,
    afterName = {
        SpringBootLines.REACTIVE_USER_DETAILS_4, SpringBootLines.REACTIVE_WEB_SECURITY_4,
        SpringBootLines.REACTIVE_MANAGEMENT_WEB_SECURITY_4, SpringBootLines.REACTIVE_USER_DETAILS_3,
        SpringBootLines.REACTIVE_WEB_SECURITY_3, SpringBootLines.REACTIVE_MANAGEMENT_WEB_SECURITY_3})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({SecurityWebFilterChain.class, ServerHttpSecurity.class, CallbackGuard.class})
@ConditionalOnBooleanProperty(name = VippsCallbackProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBean({ServerHttpSecurity.class, CallbackGuard.class, ReactiveCallbackEndpoints.class})
public final class VippsCallbackReactiveSecurityAutoConfiguration {

  /** The name of the {@code ReactiveAuthorizationManager<AuthorizationContext>} bean. */
  public static final String AUTHORIZATION_MANAGER_BEAN = VippsCallbackSecurityAutoConfiguration.AUTHORIZATION_MANAGER_BEAN;
  /** The name of the starter's {@code SecurityWebFilterChain} bean. */
  public static final String WEB_FILTER_CHAIN_BEAN = "vippsCallbackSecurityWebFilterChain";
  /** The name of Spring Security's default chain, defined when the application has no chain at all. */
  public static final String DEFAULT_WEB_FILTER_CHAIN_BEAN = "vippsCallbackDefaultSecurityWebFilterChain";
  /** The order of the starter's chain: ahead of the application's chains. */
  public static final int WEB_FILTER_CHAIN_ORDER = VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_ORDER;

  private static final Mono<ServerWebExchangeMatcher.MatchResult> MATCH = ServerWebExchangeMatcher.MatchResult.match();
  private static final Mono<ServerWebExchangeMatcher.MatchResult> NO_MATCH =
      ServerWebExchangeMatcher.MatchResult.notMatch();

  VippsCallbackReactiveSecurityAutoConfiguration() {}

  /** Grants only exchanges from Vipps' request servers; compose it into chains of your own. */
  @Bean(AUTHORIZATION_MANAGER_BEAN)
  @ConditionalOnMissingBean(name = AUTHORIZATION_MANAGER_BEAN)
  VippsRequestServersReactiveAuthorizationManager vippsRequestServers(CallbackGuard guard) {
    return new VippsRequestServersReactiveAuthorizationManager(guard);
  }

  /** The starter's chain for exactly the guarded endpoints. */
  @Bean(WEB_FILTER_CHAIN_BEAN)
  @Order(WEB_FILTER_CHAIN_ORDER)
  @ConditionalOnMissingBean(name = WEB_FILTER_CHAIN_BEAN)
  SecurityWebFilterChain vippsCallbackSecurityWebFilterChain(
      ServerHttpSecurity http,
      ReactiveCallbackEndpoints endpoints,
      @Qualifier(AUTHORIZATION_MANAGER_BEAN) ReactiveAuthorizationManager<AuthorizationContext> vippsRequestServers,
      CallbackGuard guard) {
    VippsCallbackServerRejectionHandler rejection = new VippsCallbackServerRejectionHandler(guard);
    return http
        .securityMatcher(new EndpointsMatcher(endpoints))
        .authorizeExchange(exchanges -> exchanges.anyExchange().access(vippsRequestServers))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(rejection)
            .accessDeniedHandler(rejection))
        .addFilterAfter(new ReactiveWebhookSignatures(endpoints), SecurityWebFiltersOrder.AUTHORIZATION)
        .build();
  }

  /**
   * Before the application serves: no {@code SecurityWebFilterChain} ordered before the starter's takes a
   * guarded endpoint's requests.
   */
  @Bean
  static StartupCheck vippsCallbackReactiveSecurityChainOrderCheck(
      ListableBeanFactory beanFactory, Environment environment) {
    return new ReactiveSecurityChainOrderCheck(beanFactory, environment);
  }

  /**
   * The starter's matcher as Spring Security asks it: a ready {@code Mono}; the endpoint matched is kept in
   * the exchange for the chain's signature check.
   */
  private record EndpointsMatcher(ReactiveCallbackEndpoints endpoints) implements ServerWebExchangeMatcher {
    @Override
    public Mono<MatchResult> matches(org.springframework.web.server.ServerWebExchange exchange) {
      return endpoints.matchAndKeep(exchange) ? MATCH : NO_MATCH;
    }

    @Override
    public String toString() {
      return endpoints.toString();
    }
  }

  /**
   * Spring Security's default chain, when the application (and Boot) defined none: processed before the
   * starter's chain is registered, so it sees only the application's.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SecurityWebFilterChain.class)
  static class DefaultChainConfiguration {

    @Bean(DEFAULT_WEB_FILTER_CHAIN_BEAN)
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain vippsCallbackDefaultSecurityWebFilterChain(ServerHttpSecurity http) {
      return http
          .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
          .httpBasic(Customizer.withDefaults())
          .formLogin(Customizer.withDefaults())
          .build();
    }
  }
}
