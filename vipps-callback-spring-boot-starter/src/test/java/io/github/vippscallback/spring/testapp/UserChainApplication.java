package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.servlet.VippsRequestGuard;
import io.github.vippscallback.spring.VippsCallbackRejectionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * An application with its own chain: {@code /public/**} open, {@code /partner/**} only for Vipps' request
 * servers through the composed {@code vippsRequestServers} (refusals answered by the starter's
 * {@link VippsCallbackRejectionHandler}), everything else for authenticated users (HTTP Basic).
 * Its tests set {@code spring.mvc.servlet.path=/api}; as in any Boot application, the chain's request
 * matchers are relative to it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ClassAnnotatedController.class, MixedController.class})
public class UserChainApplication {

  /** The application's own chain. */
  @Bean
  SecurityFilterChain applicationChain(
      HttpSecurity http,
      @Qualifier("vippsRequestServers") AuthorizationManager<RequestAuthorizationContext> vippsRequestServers,
      VippsRequestGuard guard,
      PathPatternRequestMatcher.Builder paths)
      throws Exception {
    VippsCallbackRejectionHandler rejection = new VippsCallbackRejectionHandler(guard);
    RequestMatcher partner = paths.matcher("/partner/**");
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/public/**").permitAll()
            .requestMatchers("/partner/**").access(vippsRequestServers)
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.ignoringRequestMatchers("/partner/**"))
        .exceptionHandling(exceptions -> exceptions
            .defaultAuthenticationEntryPointFor(rejection, partner)
            .defaultAccessDeniedHandlerFor(rejection, partner))
        .build();
  }

}
