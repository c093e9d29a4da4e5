package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The fail-open case of issue 13: a chain of the application's, ordered first, that takes {@code /vipps/**}
 * and lets everyone through, in front of {@code @VippsCallback} handlers under {@code /vipps}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MixedController.class)
public class ShadowingChainApplication {

  /** Everything under {@code /vipps} open to everyone, ahead of every other chain. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain openVippsChain(HttpSecurity http) throws Exception {
    return http
        .securityMatcher("/vipps/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }
}
