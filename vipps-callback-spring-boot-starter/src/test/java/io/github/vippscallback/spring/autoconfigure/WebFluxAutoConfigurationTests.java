package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints;
import io.github.vippscallback.spring.reactive.VippsCallbackWebFilter;
import io.github.vippscallback.spring.reactive.VippsRequestServersReactiveAuthorizationManager;
import io.github.vippscallback.spring.testapp.CallbackDns;
import io.github.vippscallback.spring.testapp.ClassAnnotatedController;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** The conditions of the WebFlux auto-configurations, their start-up report and failure analysis, without a server. */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxAutoConfigurationTests {

  private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          WebFluxAutoConfiguration.class,
          ReactiveWebSecurityAutoConfiguration.class,
          ReactiveUserDetailsServiceAutoConfiguration.class,
          VippsCallbackAutoConfiguration.class,
          VippsCallbackSecurityAutoConfiguration.class,
          VippsCallbackReactiveAutoConfiguration.class,
          VippsCallbackReactiveSecurityAutoConfiguration.class))
      .withUserConfiguration(ClassAnnotatedController.class)
      .withPropertyValues(
          "vipps.callback.environment=prod",
          "vipps.callback.dns.servers=" + CallbackDns.SCRIPTED.address());

  @Test
  void withSpringSecurityContributesTheReactiveChainAndAuthorizationManagerAndNoServletBean(CapturedOutput output) {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(VippsAllowlist.class);
      assertThat(context).hasSingleBean(CallbackGuard.class);
      assertThat(context).hasSingleBean(ReactiveCallbackEndpoints.class);
      assertThat(context).hasBean(VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_BEAN);
      assertThat(context).hasBean(VippsCallbackReactiveSecurityAutoConfiguration.DEFAULT_WEB_FILTER_CHAIN_BEAN);
      assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).hasSize(2);
      assertThat(context.getBean(VippsCallbackReactiveSecurityAutoConfiguration.AUTHORIZATION_MANAGER_BEAN))
          .isInstanceOf(VippsRequestServersReactiveAuthorizationManager.class);
      assertThat(context).doesNotHaveBean(VippsCallbackReactiveAutoConfiguration.WEB_FILTER_BEAN);
      assertThat(context).doesNotHaveBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN);
    });
    assertThat(output).contains("Vipps callbacks: environment prod; 2 guarded endpoint(s)")
        .contains("by the Spring Security web filter chain 'vippsCallbackSecurityWebFilterChain'");
  }

  @Test
  void withoutSpringSecurityContributesTheWebFilter(CapturedOutput output) {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(VippsCallbackWebFilter.class);
          assertThat(context).doesNotHaveBean(VippsCallbackReactiveSecurityAutoConfiguration.AUTHORIZATION_MANAGER_BEAN);
        });
    assertThat(output).contains("by the WebFilter 'vippsCallbackWebFilter'");
  }

  @Test
  void disabledContributesNothing() {
    runner.withPropertyValues("vipps.callback.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(VippsAllowlist.class);
      assertThat(context).doesNotHaveBean(ReactiveCallbackEndpoints.class);
    });
  }

  @Test
  void aMissingEnvironmentStopsTheStartUpWithAnAnalysisNamingTheProperty() {
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class,
            VippsCallbackReactiveAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable failure = Objects.requireNonNull(context.getStartupFailure());
          VippsCallbackConfigurationException cause = findCause(failure);
          FailureAnalysis analysis = Objects.requireNonNull(new VippsCallbackFailureAnalyzer().analyze(failure));
          assertThat(cause.property()).isEqualTo("vipps.callback.environment");
          assertThat(analysis.getDescription()).contains("Property: vipps.callback.environment");
        });
  }

  private static VippsCallbackConfigurationException findCause(Throwable failure) {
    for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof VippsCallbackConfigurationException found) {
        return found;
      }
    }
    throw new AssertionError("no VippsCallbackConfigurationException in " + failure);
  }
}
