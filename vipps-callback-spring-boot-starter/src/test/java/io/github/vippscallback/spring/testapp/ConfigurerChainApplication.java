package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallbackConfigurer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link UserChainApplication}'s chain written with {@link VippsCallbackConfigurer}: {@code /partner/**}
 * only for Vipps' request servers, {@code /public/**} and Boot's error page open, everything else for
 * authenticated users (HTTP Basic), CSRF protection left on.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ClassAnnotatedController.class, MixedController.class})
public class ConfigurerChainApplication {

  /** The application's own chain. */
  @Bean
  SecurityFilterChain applicationChain(HttpSecurity http) {
    return http
        .with(VippsCallbackConfigurer.vippsCallback(), vipps -> vipps.requestMatchers("/partner/**"))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/public/**", "/error").permitAll()
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .build();
  }
}
