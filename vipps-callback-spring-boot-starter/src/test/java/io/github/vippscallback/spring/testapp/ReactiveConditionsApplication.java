package io.github.vippscallback.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * {@link ConditionsApplication} on WebFlux: the application's own chain (ordered after the starter's) opens
 * everything, so that a request the starter does not guard visibly reaches its handler.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ConditionsController.class)
public class ReactiveConditionsApplication {

  /** Everything open to everyone. */
  @Bean
  SecurityWebFilterChain openChain(ServerHttpSecurity http) {
    return http
        .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .build();
  }
}
