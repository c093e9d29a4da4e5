package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.servlet.VippsRequestGuard;
import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.VippsCallbackRejectionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The documented way to guard callbacks in a chain of one's own ordered first: the chain takes
 * {@code /vipps/**} with {@code vippsRequestServers}, and the handlers there carry no {@code @VippsCallback}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OwnGuardController.class)
public class OwnVippsChainApplication {

  /** {@code /vipps/**} only for Vipps' request servers, refused with the starter's problem responses. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain ownVippsChain(
      HttpSecurity http,
      @Qualifier("vippsRequestServers") AuthorizationManager<RequestAuthorizationContext> vippsRequestServers,
      VippsRequestGuard guard) throws Exception {
    VippsCallbackRejectionHandler rejection = new VippsCallbackRejectionHandler(guard);
    return http
        .securityMatcher("/vipps/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().access(vippsRequestServers))
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(rejection)
            .accessDeniedHandler(rejection))
        .build();
  }
}
