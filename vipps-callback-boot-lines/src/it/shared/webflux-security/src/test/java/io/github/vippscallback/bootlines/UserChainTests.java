package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.STRANGER;
import static io.github.vippscallback.bootlines.Requests.assertProblem;
import static io.github.vippscallback.bootlines.Requests.post;
import static io.github.vippscallback.bootlines.Requests.postCallback;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.spring.reactive.VippsCallbackServerRejectionHandler;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * A security chain of the application's own guards {@code /partner/**}, which it does not annotate, with
 * the reactive {@code vippsRequestServers} {@code ReactiveAuthorizationManager} and the {@code
 * VippsCallbackServerRejectionHandler}, as the WebFlux guide writes it. The annotated callbacks stay the
 * starter's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserChainTests {

  private LoopbackDnsServer dns;
  private ConfigurableApplicationContext context;
  private int port;

  @BeforeAll
  void start() throws Exception {
    dns = LoopbackDnsServer.start().answer("callback-1.vipps.no", 300, PROD_IPV4);
    context = InProcess.start(dns, new Class<?>[] {ConsumerApplication.class, PartnerChain.class});
    port = InProcess.port(context);
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void vippsReachesAnEndpointGuardedWithVippsRequestServers() throws IOException {
    assertThat(post(PROD_IPV4, port, "/partner/orders/p-1").body()).isEqualTo("reached p-1");
  }

  @Test
  void strangerGetsTheGuardsForbiddenProblemFromVippsRequestServers() throws IOException {
    assertProblem(post(STRANGER, port, "/partner/orders/p-2"), 403);
  }

  @Test
  void annotatedCallbacksStayGuardedByTheStartersChain() throws IOException {
    assertThat(postCallback(PROD_IPV4, port, "order-30").body()).isEqualTo("reached order-30");
    assertProblem(postCallback(STRANGER, port, "order-31"), 403);
  }

  /** Not a component (the application's scan must not find it): a source of this test's start-up only. */
  static class PartnerChain {

    @Bean
    SecurityWebFilterChain partners(ServerHttpSecurity http,
        @Qualifier("vippsRequestServers") ReactiveAuthorizationManager<AuthorizationContext> vippsRequestServers,
        CallbackGuard guard) {
      return http
          .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/partner/**"))
          .authorizeExchange(exchanges -> exchanges.anyExchange().access(vippsRequestServers))
          .csrf(ServerHttpSecurity.CsrfSpec::disable)
          .exceptionHandling(e -> e.authenticationEntryPoint(new VippsCallbackServerRejectionHandler(guard))
              .accessDeniedHandler(new VippsCallbackServerRejectionHandler(guard)))
          .build();
    }
  }
}
