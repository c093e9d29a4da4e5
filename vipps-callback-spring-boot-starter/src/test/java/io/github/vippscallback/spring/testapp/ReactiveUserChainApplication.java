package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.spring.reactive.VippsCallbackServerRejectionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpBasicServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * A WebFlux application with its own chain: {@code /public/**} open, {@code /partner/**} only for Vipps'
 * request servers through the composed reactive {@code vippsRequestServers} (refusals answered by the
 * starter's {@link VippsCallbackServerRejectionHandler}), everything else for authenticated users (HTTP
 * Basic).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ClassAnnotatedController.class, MixedController.class})
public class ReactiveUserChainApplication {

  /** The application's own chain. */
  @Bean
  SecurityWebFilterChain applicationChain(
      ServerHttpSecurity http,
      @Qualifier("vippsRequestServers") ReactiveAuthorizationManager<AuthorizationContext> vippsRequestServers,
      CallbackGuard guard) {
    VippsCallbackServerRejectionHandler rejection = new VippsCallbackServerRejectionHandler(guard);
    ServerWebExchangeMatcher partner = ServerWebExchangeMatchers.pathMatchers("/partner/**");
    DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
        new DelegatingServerAuthenticationEntryPoint.DelegateEntry(partner, rejection));
    entryPoint.setDefaultEntryPoint(new HttpBasicServerAuthenticationEntryPoint());
    return http
        .authorizeExchange(exchanges -> exchanges
            .pathMatchers("/public/**").permitAll()
            .pathMatchers("/partner/**").access(vippsRequestServers)
            .anyExchange().authenticated())
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(exchange -> partner.matches(exchange)
            .flatMap(match -> match.isMatch()
                ? ServerWebExchangeMatcher.MatchResult.notMatch()
                : org.springframework.security.web.server.csrf.CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange))))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(rejection))
        .build();
  }
}
