package io.github.vippscallback.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The reactive fail-open case of issue 13: a {@code SecurityWebFilterChain} of the application's, ordered
 * first, that takes {@code /vipps/**} and lets everyone through, in front of {@code @VippsCallback} handlers
 * under {@code /vipps}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MixedController.class)
public class ReactiveShadowingChainApplication {

  /** Everything under {@code /vipps} open to everyone, ahead of every other chain. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityWebFilterChain openVippsChain(ServerHttpSecurity http) {
    return openVipps(http);
  }

  /** A chain that takes everything under {@code /vipps} and lets everyone through. */
  public static SecurityWebFilterChain openVipps(ServerHttpSecurity http) {
    return http
        .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/vipps/**"))
        .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .build();
  }
}
