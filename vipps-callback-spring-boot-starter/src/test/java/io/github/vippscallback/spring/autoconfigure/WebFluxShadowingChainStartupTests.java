package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.ReactiveShadowingChainApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * {@link ShadowingChainStartupTests} on WebFlux: a {@code SecurityWebFilterChain} ordered before the
 * starter's that would take a guarded endpoint's exchanges stops the start-up, naming the chain, the
 * endpoint and the ways out; the INFO line claiming protection never appears. Chains ordered after the
 * starter's, or first but for other paths, leave the start-up alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxShadowingChainStartupTests {

  private static SpringApplicationBuilder application(Class<?>... sources) {
    return StartupFailures.prodApplication(sources).web(WebApplicationType.REACTIVE);
  }

  @Test
  void startUpFailsWhenApplicationChainOrderedFirstTakesGuardedEndpoints(CapturedOutput output) {
    @Nullable Throwable failure = StartupFailures.start(application(ReactiveShadowingChainApplication.class));

    StartupFailures.assertOpenVippsChainShadows(failure, "vippsCallbackSecurityWebFilterChain", "VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_ORDER");
    assertThat(output.getAll()).doesNotContain("Vipps callbacks: environment");
  }

  @Test
  void startUpFailsUnderBasePathWhenApplicationChainOrderedFirstTakesGuardedEndpoints(CapturedOutput output) {
    @Nullable Throwable failure = StartupFailures.start(application(ReactiveShadowingChainApplication.class)
        .properties("spring.webflux.base-path=/api"));

    VippsCallbackNotGuardedException cause = StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description())
        .contains("POST /vipps/orders/{orderId} (checked as POST /vipps/orders/x): chain 'openVippsChain'");
    assertThat(output.getAll()).doesNotContain("Vipps callbacks: environment");
  }

  @Test
  void startUpFailsNamingTheChainWhenItsMatcherFails(CapturedOutput output) {
    @Nullable Throwable failure = StartupFailures.start(application(CallbackApplication.class, FailingMatcher.class));

    VippsCallbackNotGuardedException cause = StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description()).contains("'failingMatcherChain'", "matcher broke");
    assertThat(cause.action()).contains("Order 'failingMatcherChain' after "
        + "VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_ORDER");
    assertThat(output.getAll()).doesNotContain("Vipps callbacks: environment");
  }

  @Test
  void applicationChainOrderedAfterStartersChainLeavesStartUpAlone(CapturedOutput output) {
    assertThat(StartupFailures.start(application(CallbackApplication.class, LaterOpenChain.class))).isNull();

    assertThat(output.getAll()).contains("Vipps callbacks: environment prod;",
        "by the Spring Security web filter chain 'vippsCallbackSecurityWebFilterChain'");
  }

  @Test
  void applicationChainOrderedFirstForOtherPathsLeavesStartUpAlone(CapturedOutput output) {
    assertThat(StartupFailures.start(application(CallbackApplication.class, FirstPartnerChain.class))).isNull();

    assertThat(output.getAll()).contains("Vipps callbacks: environment prod;");
  }

  @Test
  void startUpFailsWhenStartersChainIsExcludedWhileSpringSecurityIsSetUp(CapturedOutput output) {
    @Nullable Throwable failure = StartupFailures.start(application(CallbackApplication.class).properties(
        "spring.autoconfigure.exclude=" + VippsCallbackReactiveSecurityAutoConfiguration.class.getName()));

    VippsCallbackNotGuardedException cause = StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description()).contains("neither the Spring Security web filter chain "
        + "'vippsCallbackSecurityWebFilterChain' nor the WebFilter 'vippsCallbackWebFilter' is defined");
    assertThat(cause.action()).contains("Do not exclude VippsCallbackReactiveSecurityAutoConfiguration");
    assertThat(output.getAll()).doesNotContain("Vipps callbacks: environment");
  }

  /** The same open chain as {@link ReactiveShadowingChainApplication}'s, ordered right after the starter's. */
  @Configuration(proxyBeanMethods = false)
  static class LaterOpenChain {

    @Bean
    @Order(VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_ORDER + 1)
    SecurityWebFilterChain laterOpenChain(ServerHttpSecurity http) {
      return ReactiveShadowingChainApplication.openVipps(http);
    }
  }

  /** A chain ordered first whose matcher keeps to paths the starter does not guard. */
  @Configuration(proxyBeanMethods = false)
  static class FirstPartnerChain {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain firstPartnerChain(ServerHttpSecurity http) {
      return http
          .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/partner/**"))
          .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
          .build();
    }
  }

  /** A chain ordered first whose matcher cannot answer. */
  @Configuration(proxyBeanMethods = false)
  static class FailingMatcher {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain failingMatcherChain(ServerHttpSecurity http) {
      return http
          .securityMatcher(exchange -> Mono.error(new IllegalStateException("matcher broke")))
          .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
          .build();
    }
  }
}
