package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.STRANGER;
import static io.github.vippscallback.bootlines.Requests.assertProblem;
import static io.github.vippscallback.bootlines.Requests.post;
import static io.github.vippscallback.bootlines.Requests.postCallback;
import static io.github.vippscallback.spring.VippsCallbackConfigurer.vippsCallback;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.servlet.VippsRequestGuard;
import io.github.vippscallback.spring.VippsCallbackRejectionHandler;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpClient;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A security chain of the application's own guards endpoints it does not annotate, as the Spring MVC guide
 * writes it: {@code /partner/**} with {@code VippsCallbackConfigurer}, {@code /legacy/**} with the {@code
 * vippsRequestServers} {@code AuthorizationManager} and the {@code VippsCallbackRejectionHandler};
 * everything else needs a login. The annotated callbacks stay the starter's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserChainTests {

  private LoopbackDnsServer dns;
  private ConfigurableApplicationContext context;
  private int port;

  @BeforeAll
  void start() throws Exception {
    dns = LoopbackDnsServer.start().answer("callback-1.vipps.no", 300, PROD_IPV4);
    context = InProcess.start(dns, new Class<?>[] {ConsumerApplication.class, ApplicationChain.class});
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
  void vippsReachesAnEndpointGuardedWithVippsCallbackConfigurer() throws IOException {
    assertThat(post(PROD_IPV4, port, "/partner/orders/p-1").body()).isEqualTo("reached p-1");
  }

  @Test
  void strangerGetsTheGuardsForbiddenProblemFromVippsCallbackConfigurer() throws IOException {
    assertProblem(post(STRANGER, port, "/partner/orders/p-2"), 403);
  }

  @Test
  void vippsReachesAnEndpointGuardedWithVippsRequestServers() throws IOException {
    assertThat(post(PROD_IPV4, port, "/legacy/orders/l-1").body()).isEqualTo("reached l-1");
  }

  @Test
  void strangerGetsTheGuardsForbiddenProblemFromVippsRequestServers() throws IOException {
    assertProblem(post(STRANGER, port, "/legacy/orders/l-2"), 403);
  }

  @Test
  void annotatedCallbacksStayGuardedByTheStartersChain() throws IOException {
    assertThat(postCallback(PROD_IPV4, port, "order-30").body()).isEqualTo("reached order-30");
    assertProblem(postCallback(STRANGER, port, "order-31"), 403);
  }

  @Test
  void everythingElseNeedsTheApplicationsLogin() throws IOException {
    assertThat(LoopbackHttpClient.from(PROD_IPV4).get(port, "/hello").status()).isEqualTo(401);
  }

  /** Not a component (the application's scan must not find it): a source of this test's start-up only. */
  static class ApplicationChain {

    @Bean
    SecurityFilterChain applicationChain(
        HttpSecurity http,
        @Qualifier("vippsRequestServers") AuthorizationManager<RequestAuthorizationContext> vippsRequestServers,
        VippsRequestGuard guard) throws Exception {
      VippsCallbackRejectionHandler rejection = new VippsCallbackRejectionHandler(guard);
      RequestMatcher legacy = request -> request.getRequestURI().startsWith("/legacy/");
      return http
          .with(vippsCallback(), vipps -> vipps.requestMatchers("/partner/**"))
          .authorizeHttpRequests(requests -> requests
              .requestMatchers("/legacy/**").access(vippsRequestServers)
              .requestMatchers("/error").permitAll()
              .anyRequest().authenticated())
          .httpBasic(Customizer.withDefaults())
          .csrf(csrf -> csrf.ignoringRequestMatchers("/legacy/**"))
          .exceptionHandling(exceptions -> exceptions
              .defaultAuthenticationEntryPointFor(rejection, legacy)
              .defaultAccessDeniedHandlerFor(rejection, legacy))
          .build();
    }
  }
}
