package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.ShadowingChainApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.UnreachableFilterChainException;

/**
 * A security chain ordered before the starter's that would take a guarded endpoint's requests stops the
 * start-up, naming the chain, the endpoint and the ways out; the INFO line claiming protection never appears.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShadowingChainStartupTests {

  private static SpringApplicationBuilder application(Class<?>... sources) {
    return StartupFailures.prodApplication(sources);
  }

  @Test
  void startUpFailsWhenApplicationChainOrderedFirstTakesGuardedEndpoints(CapturedOutput output) {
    @Nullable Throwable failure = StartupFailures.start(application(ShadowingChainApplication.class));

    StartupFailures.assertOpenVippsChainShadows(failure, "vippsCallbackSecurityFilterChain", "VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_ORDER");
    assertThat(output.getAll()).doesNotContain("Vipps callbacks: environment");
  }

  @Test
  void startUpFailsWhenWebIgnoringTakesGuardedEndpoints(CapturedOutput output) {
    @Nullable Throwable failure = StartupFailures.start(application(CallbackApplication.class, IgnoreVipps.class));

    VippsCallbackNotGuardedException cause = StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description())
        .contains("POST /vipps/orders/{orderId} (checked as POST /vipps/orders/x): chain 'web.ignoring() "
            + "[PathPattern [/vipps/**]]'");
    assertThat(cause.action()).contains("remove the guarded paths from web.ignoring()");
    assertThat(output.getAll()).doesNotContain("Vipps callbacks: environment");
  }

  @Test
  void applicationWithoutChainOfItsOwnStartsAndSaysWhatIsGuarded(CapturedOutput output) {
    assertThat(StartupFailures.start(application(CallbackApplication.class))).isNull();

    assertThat(output.getAll()).contains("Vipps callbacks: environment prod;",
        "by the Spring Security filter chain 'vippsCallbackSecurityFilterChain'");
  }

  @Test
  void unreachableStartersChainIsDescribedReadably() {
    @Nullable Throwable failure = StartupFailures.start(application(CallbackApplication.class, CatchAll.class));

    UnreachableFilterChainException cause = StartupFailures.causeOf(failure, UnreachableFilterChainException.class);
    assertThat(cause.getMessage()).contains("Vipps callback endpoints").doesNotContain("$$Lambda");
  }

  /** A chain for every request, ordered first: Spring Security refuses every chain after it. */
  @Configuration(proxyBeanMethods = false)
  static class CatchAll {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain catchAll(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).build();
    }
  }

  /** {@code web.ignoring()} puts a chain without any filter ahead of every other chain. */
  @Configuration(proxyBeanMethods = false)
  static class IgnoreVipps {

    @Bean
    WebSecurityCustomizer ignoreVipps() {
      return web -> web.ignoring().requestMatchers("/vipps/**");
    }
  }
}
