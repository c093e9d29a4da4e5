package io.github.vippscallback.spring.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application whose own chain (ordered after the starter's) opens everything, so that a request the
 * starter does not guard visibly reaches its handler.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ConditionsController.class)
public class ConditionsApplication {

  /** Everything open to everyone. */
  @Bean
  SecurityFilterChain openChain(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }
}
