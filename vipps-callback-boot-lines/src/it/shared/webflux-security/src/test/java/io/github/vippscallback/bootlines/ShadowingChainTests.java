package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/** A chain of the application's, ordered ahead of the starter's, that takes the callbacks stops the start-up. */
class ShadowingChainTests {

  @Test
  void chainAheadOfTheStartersThatOpensTheCallbacksStopsTheStartUp() {
    Throwable failure = catchThrowable(() -> new SpringApplication(ConsumerApplication.class, OpenVippsChain.class)
        .run("--server.port=0", "--vipps.callback.environment=prod"));

    assertThat(failure).isNotNull();
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    assertThat(messages).anySatisfy(message -> assertThat(message)
        .contains("POST /vipps/payments/{orderId}", "'openVippsChain'"));
  }

  /** Not a component (the application's scan must not find it): a source of the failing start-up only. */
  static class OpenVippsChain {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain openVippsChain(ServerHttpSecurity http) {
      return http
          .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/vipps/**"))
          .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
          .csrf(ServerHttpSecurity.CsrfSpec::disable)
          .build();
    }
  }
}
