package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.CallbackDns;
import io.github.vippscallback.spring.testapp.MixedController;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application that asks for Vipps callbacks to be guarded where the starter has no guard does not start,
 * and says why and what to do; a bad environment name stops every kind of application.
 */
class UnsupportedStackTests {

  @Test
  void nonWebApplicationWithAnnotatedControllersAndEnvironmentFailsToStart() {
    @Nullable Throwable failure = StartupFailures.start(new SpringApplicationBuilder(CallbackApplication.class)
        .web(WebApplicationType.NONE).properties("vipps.callback.environment=prod"));

    VippsCallbackNotGuardedException cause = StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description())
        .contains("vipps.callback.environment=prod")
        .contains("@VippsCallback on " + MixedController.class.getName() + ".orderCallback()")
        .contains("not a web application");
    assertThat(cause.action()).contains("Spring MVC", "WebFlux", "vipps.callback.enabled=false");
    assertThat(StartupFailures.notGuardedAnalysis(failure).getDescription())
        .startsWith("The Vipps callback endpoints would not be guarded:");
  }

  @Test
  void nonWebApplicationWithAnnotatedControllersAloneFailsToStart() {
    @Nullable Throwable failure = StartupFailures.start(
        new SpringApplicationBuilder(CallbackApplication.class).web(WebApplicationType.NONE));

    assertThat(StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class).description())
        .contains("@VippsCallback on " + MixedController.class.getName() + ".orderCallback()")
        .doesNotContain("vipps.callback.environment=");
  }

  @Test
  void unknownEnvironmentFailsNonWebApplicationNamingPropertyValueAndValidValues() {
    @Nullable Throwable failure = StartupFailures.start(new SpringApplicationBuilder(PlainApplication.class)
        .web(WebApplicationType.NONE).properties("vipps.callback.environment=staging"));

    VippsCallbackConfigurationException cause =
        StartupFailures.causeOf(failure, VippsCallbackConfigurationException.class);
    assertThat(cause.property()).isEqualTo("vipps.callback.environment");
    assertThat(cause.value()).isEqualTo("staging");
    assertThat(cause.validValues()).contains("prod", "test");
  }

  @Test
  void nonWebApplicationThatAsksForNoGuardStarts() {
    assertThat(StartupFailures.start(
        new SpringApplicationBuilder(PlainApplication.class).web(WebApplicationType.NONE))).isNull();
  }

  @Test
  void switchedOffStarterLetsNonWebApplicationStart() {
    assertThat(StartupFailures.start(new SpringApplicationBuilder(CallbackApplication.class)
        .web(WebApplicationType.NONE)
        .properties("vipps.callback.environment=prod", "vipps.callback.enabled=false"))).isNull();
  }

  @Test
  void reactiveApplicationWithoutTheStartersReactiveConfigurationFailsToStart() {
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VippsCallbackAutoConfiguration.class,
            VippsCallbackSecurityAutoConfiguration.class, VippsCallbackCoverageAutoConfiguration.class))
        .withUserConfiguration(MixedController.class)
        .withPropertyValues("vipps.callback.environment=test")
        .run(context -> {
          assertThat(context).hasFailed();
          VippsCallbackNotGuardedException cause =
              StartupFailures.causeOf(context.getStartupFailure(), VippsCallbackNotGuardedException.class);
          assertThat(cause.description()).contains("a reactive (WebFlux) web application",
              "vipps.callback.environment=test");
        });
  }

  @Test
  void servletApplicationWithoutTheStartersChainFailsToStart() {
    @Nullable Throwable failure = StartupFailures.start(new SpringApplicationBuilder(CallbackApplication.class)
        .properties("server.port=0", "vipps.callback.environment=prod",
            "vipps.callback.dns.servers=" + CallbackDns.EMPTY.address(),
            "spring.autoconfigure.exclude=" + VippsCallbackSecurityAutoConfiguration.class.getName()));

    VippsCallbackNotGuardedException cause = StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description()).contains("POST /vipps/orders/{orderId}",
        "neither the Spring Security filter chain 'vippsCallbackSecurityFilterChain' nor the servlet filter");
    assertThat(cause.action()).contains("Do not exclude VippsCallbackSecurityAutoConfiguration");
  }

  @Test
  void servletFilterNeverClaimsTheGuardWhileSpringSecuritysFilterIsSetUp() {
    // As on Spring Boot 3.5 before the starter knew Boot 3's names: its filter set up, then Spring Security's.
    @Nullable Throwable failure = StartupFailures.start(
        new SpringApplicationBuilder(CallbackApplication.class, SpringSecurityFilterStandIn.class)
            .properties("server.port=0", "vipps.callback.environment=prod",
                "vipps.callback.dns.servers=" + CallbackDns.EMPTY.address(),
                "spring.autoconfigure.exclude=" + SpringBootLines.SERVLET_WEB_SECURITY_4 + ","
                    + SpringBootLines.MANAGEMENT_WEB_SECURITY_4));

    VippsCallbackNotGuardedException cause = StartupFailures.causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description()).contains("POST /vipps/orders/{orderId}",
        "Spring Security is set up (the filter 'springSecurityFilterChain' is defined) but the starter's chain"
            + " 'vippsCallbackSecurityFilterChain' is not");
    assertThat(cause.action()).contains("Let VippsCallbackSecurityAutoConfiguration run after Spring Boot's");
  }

  /** Spring Security's servlet filter, alone: what its web security set-up defines. */
  @Configuration(proxyBeanMethods = false)
  static class SpringSecurityFilterStandIn {

    @Bean(name = "springSecurityFilterChain")
    Filter springSecurityFilterChain() {
      return (request, response, chain) -> chain.doFilter(request, response);
    }
  }

  /** An application without callbacks. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class PlainApplication {}
}
