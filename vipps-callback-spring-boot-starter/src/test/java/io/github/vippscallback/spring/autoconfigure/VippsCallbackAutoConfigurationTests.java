package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.GuardVerdict;
import io.github.vippscallback.servlet.VippsRequestGuard;
import io.github.vippscallback.spring.VippsAllowlistBuilderCustomizer;
import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.testapp.CallbackDns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Every condition of the starter's auto-configurations, without a server. */
@ExtendWith(OutputCaptureExtension.class)
class VippsCallbackAutoConfigurationTests {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          DispatcherServletAutoConfiguration.class,
          WebMvcAutoConfiguration.class,
          SecurityAutoConfiguration.class,
          UserDetailsServiceAutoConfiguration.class,
          ServletWebSecurityAutoConfiguration.class,
          VippsCallbackAutoConfiguration.class,
          VippsCallbackSecurityAutoConfiguration.class))
      .withPropertyValues(
          "vipps.callback.environment=prod",
          "vipps.callback.dns.servers=" + CallbackDns.SCRIPTED.address(),
          "vipps.callback.dns.accept-special-purpose-addresses=true"); // CallbackDns answers loopback addresses, where the test requests come from

  @Test
  void withSpringSecurityContributesOwnChainAndAuthorizationManagerAndNoFilter() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(VippsAllowlist.class);
      assertThat(context).hasSingleBean(ClientAddressResolver.class);
      assertThat(context).hasSingleBean(VippsRequestGuard.class);
      assertThat(context).hasSingleBean(VippsCallbackEndpoints.class);
      assertThat(context).hasBean(VippsCallbackAutoConfiguration.ALLOWLIST_BEAN);
      assertThat(context).hasBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN);
      assertThat(context.getBean("vippsRequestServers")).isInstanceOf(AuthorizationManager.class);
      assertThat(context).doesNotHaveBean(VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN);
    });
  }

  @Test
  void withoutChainOfApplicationBootsDefaultChainStays() {
    runner.run(context -> assertThat(context.getBeansOfType(SecurityFilterChain.class))
        .containsOnlyKeys("defaultSecurityFilterChain", VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN));
  }

  @Test
  void withChainOfApplicationBothChainsAndNoDefault() {
    runner.withUserConfiguration(ApplicationChain.class).run(context ->
        assertThat(context.getBeansOfType(SecurityFilterChain.class))
            .containsOnlyKeys("applicationChain", VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN));
  }

  @Test
  void withoutSpringSecurityOnClassPathRegistersServletFilterOnly() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasBean(VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN);
          assertThat(context.getBean(VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN, FilterRegistrationBean.class)
              .getOrder()).isEqualTo(VippsCallbackAutoConfiguration.FILTER_ORDER);
          assertThat(context).doesNotHaveBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN);
          assertThat(context).doesNotHaveBean("vippsRequestServers");
          assertThat(context).doesNotHaveBean("springSecurityFilterChain");
        });
  }

  @Test
  void withSpringSecurityOnClassPathButNotSetUpRegistersServletFilter() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, VippsCallbackAutoConfiguration.class,
            VippsCallbackSecurityAutoConfiguration.class))
        .withPropertyValues("vipps.callback.environment=prod",
            "vipps.callback.dns.servers=" + CallbackDns.SCRIPTED.address(),
            "vipps.callback.dns.accept-special-purpose-addresses=true") // CallbackDns answers loopback addresses, where the test requests come from
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasBean(VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN);
          assertThat(context).doesNotHaveBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN);
        });
  }

  @Test
  void enabledFalseDefinesNothing() {
    runner.withPropertyValues("vipps.callback.enabled=false", "vipps.callback.environment=")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(VippsAllowlist.class);
          assertThat(context).doesNotHaveBean(VippsRequestGuard.class);
          assertThat(context).doesNotHaveBean(VippsCallbackEndpoints.class);
          assertThat(context).doesNotHaveBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN);
          assertThat(context).doesNotHaveBean("vippsRequestServers");
          assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("defaultSecurityFilterChain");
        });
  }

  @Test
  void enabledFalseWithoutSpringSecurityRegistersNoFilter() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .withPropertyValues("vipps.callback.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN));
  }

  @Test
  void notAWebApplicationDefinesNothing() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VippsCallbackAutoConfiguration.class,
            VippsCallbackSecurityAutoConfiguration.class))
        .withPropertyValues("vipps.callback.environment=prod")
        .run(context -> assertThat(context).doesNotHaveBean(VippsAllowlist.class));
  }

  @Test
  void withoutSpringMvcDefinesNothing() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VippsCallbackAutoConfiguration.class,
            VippsCallbackSecurityAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(
            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class))
        .withPropertyValues("vipps.callback.environment=prod")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(VippsAllowlist.class);
          assertThat(context).doesNotHaveBean(VippsCallbackEndpoints.class);
        });
  }

  @Test
  void missingEnvironmentStopsStartUp() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VippsCallbackAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .isInstanceOf(VippsCallbackConfigurationException.class)
              .hasMessageContaining("vipps.callback.environment is not set");
        });
  }

  @ParameterizedTest(name = "retry-after={0} -> Retry-After: {1}")
  @CsvSource({
      "'', 60",
      "90, 90",
      "2m, 120",
      "1s, 1",
      "1500ms, 2"})
  void retryAfterOfA503IsTheConfiguredDurationInWholeSecondsRoundedUp(String retryAfter, String header) {
    runner.withPropertyValues("vipps.callback.dns.servers=" + CallbackDns.EMPTY.address())
        .withPropertyValues(retryAfter.isEmpty() ? new String[0] : new String[] {"vipps.callback.retry-after=" + retryAfter})
        .run(context -> {
          VippsRequestGuard guard = context.getBean(VippsRequestGuard.class);
          MockHttpServletRequest request = new MockHttpServletRequest("POST", "/vipps/callback");
          request.setRemoteAddr(CallbackDns.PROD_SERVER);
          MockHttpServletResponse response = new MockHttpServletResponse();

          GuardVerdict verdict = guard.check(request);
          guard.reject(verdict, request, response);

          assertThat(verdict.outcome()).isEqualTo(CallbackOutcome.UNAVAILABLE);
          assertThat(response.getStatus()).isEqualTo(503);
          assertThat(response.getHeader("Retry-After")).isEqualTo(header);
        });
  }

  @Test
  void allowlistStartsResolvingWithTheContextEvenWhenEveryBeanIsLazy() {
    runner.withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBeanFactory().getBeanDefinition("vippsCallbackClientAddressResolver").isLazyInit())
              .isTrue();
          // No request, no injection: the allowlist exists and resolves because the context started.
          assertThat(context.getBeanFactory().containsSingleton(VippsCallbackAutoConfiguration.ALLOWLIST_BEAN))
              .isTrue();
          VippsAllowlist allowlist = context.getBean(VippsAllowlist.class);
          assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
        });
  }

  @Test
  void applicationBeansReplaceTheStartersBeans() {
    runner.withUserConfiguration(ApplicationBeans.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(VippsAllowlist.class)).isSameAs(context.getBean("myAllowlist"));
      assertThat(context.getBean(ClientAddressResolver.class)).isSameAs(context.getBean("myResolver"));
      assertThat(context.getBean(VippsRequestGuard.class)).isSameAs(context.getBean("myGuard"));
      assertThat(context.getBean(VippsCallbackEndpoints.class)).isSameAs(context.getBean("myEndpoints"));
      assertThat(context.getBean("vippsRequestServers")).isSameAs(ApplicationBeans.DENY_ALL);
      assertThat(context).doesNotHaveBean(VippsCallbackAutoConfiguration.ALLOWLIST_BEAN);
    });
  }

  @Test
  void applicationChainNamedLikeTheStartersReplacesIt() {
    runner.withUserConfiguration(ReplacedChain.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN))
          .isSameAs(context.getBean(ReplacedChain.class).chain);
    });
  }

  @Test
  void guardTellsEveryObserverBean() {
    runner.withUserConfiguration(TwoObservers.class).run(context -> {
      VippsRequestGuard guard = context.getBean(VippsRequestGuard.class);
      MockHttpServletRequest request = new MockHttpServletRequest("POST", "/vipps/callback");
      request.setRemoteAddr(CallbackDns.STRANGER);

      CallbackOutcome outcome = guard.check(request).outcome();

      assertThat(outcome).isNotEqualTo(CallbackOutcome.ALLOWED);
      assertThat(context.getBean(TwoObservers.class).first).containsExactly(outcome);
      assertThat(context.getBean(TwoObservers.class).second).containsExactly(outcome);
    });
  }

  @Test
  void propertiesBuildTheAllowlistAndResolver() {
    runner.withPropertyValues(
            "vipps.callback.environment=mt",
            "vipps.callback.additional-hosts=callback.example.test",
            "vipps.callback.additional-addresses=192.0.2.10,198.51.100.0/24",
            "vipps.callback.trusted-proxies=10.0.0.0/8")
        .run(context -> {
          VippsAllowlist allowlist = context.getBean(VippsAllowlist.class);
          assertThat(allowlist.environment()).isEqualTo(VippsEnvironment.TEST);
          assertThat(allowlist.hosts()).contains("callback-mt-1.vipps.no", "callback.example.test");
          assertThat(allowlist.decide("198.51.100.77")).hasToString("ALLOWED");
          assertThat(allowlist.decide("192.0.2.10")).hasToString("ALLOWED");
          assertThat(context.getBean(ClientAddressResolver.class).readsForwardedHeaders()).isTrue();
        });
  }

  @Test
  void builderCustomizersApplyInOrderAfterProperties() {
    runner.withPropertyValues("vipps.callback.additional-hosts=from-properties.example.test")
        .withUserConfiguration(OrderedCustomizers.class)
        .run(context -> assertThat(context.getBean(VippsAllowlist.class).hosts())
            .containsSubsequence("from-properties.example.test", "first.example.test", "last.example.test"));
  }

  @Test
  void propertyDefaultsAreTheCoreDefaults() {
    VippsCallbackProperties.Dns dns = new VippsCallbackProperties().getDns();

    assertThat(dns.getTimeout()).isEqualTo(VippsAllowlist.DEFAULT_QUERY_TIMEOUT);
    assertThat(dns.getMinTtl()).isEqualTo(VippsAllowlist.DEFAULT_MIN_TTL);
    assertThat(dns.getMaxTtl()).isEqualTo(VippsAllowlist.DEFAULT_MAX_TTL);
    assertThat(dns.getMaxStale()).isEqualTo(VippsAllowlist.DEFAULT_MAX_STALE);
    assertThat(dns.isAcceptSpecialPurposeAddresses()).isFalse();
    assertThat(new VippsCallbackProperties().isEnabled()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "true, ALLOWED",
      "false, UNAVAILABLE"}) // every answer of CallbackDns is a loopback address: none is taken
  void takesLoopbackAddressesFromDnsOnlyWithTheAcceptSpecialPurposeAddressesPropertyAndWarnsWhenItIsOn(
      String accept, String decision, CapturedOutput output) {
    runner.withPropertyValues("vipps.callback.dns.accept-special-purpose-addresses=" + accept).run(context -> {
      VippsAllowlist allowlist = context.getBean(VippsAllowlist.class);
      allowlist.awaitFirstResolution(Duration.ofSeconds(30));

      assertThat(allowlist.decide(CallbackDns.PROD_SERVER)).hasToString(decision);
      String warning = "WARN";
      String text = "vipps.callback.dns.accept-special-purpose-addresses=true: DNS answers may bring loopback";
      if (Boolean.parseBoolean(accept)) {
        assertThat(output.getAll().lines().filter(line -> line.contains(text)))
            .singleElement().satisfies(line -> assertThat(line).contains(warning));
      } else {
        assertThat(output).doesNotContain(text);
        assertThat(allowlist.status().hosts().get(0).refused())
            .containsExactly("127.0.0.2 in 127.0.0.0/8 Loopback (RFC 1122)");
      }
    });
  }

  @Test
  void allowlistIsStartedWithContextAndClosedWithIt() {
    runner.run(context -> {
      VippsAllowlist allowlist = context.getBean(VippsAllowlist.class);
      assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
      assertThat(allowlist.decide(CallbackDns.PROD_SERVER)).hasToString("ALLOWED");
      assertThat(context.getBeanFactory().getBeanDefinition(VippsCallbackAutoConfiguration.ALLOWLIST_BEAN)
          ).isInstanceOfSatisfying(org.springframework.beans.factory.support.AbstractBeanDefinition.class,
              definition -> assertThat(definition.getDestroyMethodNames()).containsExactly("close"));
    });
  }

  @Test
  void configuredPathsAreGuardedForEveryMethodUnderServletPath() {
    runner.withPropertyValues("spring.mvc.servlet.path=/api", "vipps.callback.paths=/vipps/**,/hooks/{id}")
        .run(context -> {
          VippsCallbackEndpoints endpoints = context.getBean(VippsCallbackEndpoints.class);
          assertThat(endpoints.endpoints()).containsExactly(
              new CallbackEndpoint("/api/vipps/**", java.util.Set.of()),
              new CallbackEndpoint("/api/hooks/{id}", java.util.Set.of()));
          MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/hooks/7");
          assertThat(endpoints.matches(request)).isTrue();
          assertThat(endpoints.matches(new MockHttpServletRequest("POST", "/hooks/7"))).isFalse();
        });
  }

  @Test
  void logsEnvironmentEndpointsAndHostsOnceAtStartUp(CapturedOutput output) {
    runner.withPropertyValues("vipps.callback.paths=/vipps/**").run(context -> {
      assertThat(output).containsOnlyOnce("Vipps callbacks: environment prod; 1 guarded endpoint(s) [* /vipps/**]");
      assertThat(output).contains("callback-dr-4.vipps.no")
          .contains("Spring Security filter chain 'vippsCallbackSecurityFilterChain'");
    });
  }

  @Test
  void startUpLineNamesTheAdditionalAddressesToo(CapturedOutput output) {
    runner.withPropertyValues("vipps.callback.paths=/vipps/**", "vipps.callback.additional-addresses=::1,127.0.0.1")
        .run(context -> assertThat(output)
            .containsOnlyOnce("additional addresses [127.0.0.1/32, ::1/128]"));
  }

  @Test
  void warnsWhenForwardedHeadersAreAppliedBeforeTheGuard(CapturedOutput output) {
    runner.withPropertyValues("vipps.callback.paths=/vipps/**", "server.forward-headers-strategy=native")
        .run(context -> assertThat(output)
            .contains("server.forward-headers-strategy is 'native'")
            .contains("server.tomcat.remoteip.internal-proxies"));
  }

  @Test
  void saysNothingOfForwardedHeadersWhenStrategyIsNone(CapturedOutput output) {
    runner.withPropertyValues("vipps.callback.paths=/vipps/**", "server.forward-headers-strategy=none")
        .run(context -> assertThat(output).doesNotContain("server.forward-headers-strategy"));
  }

  @Test
  void warnsWhenNothingIsGuarded(CapturedOutput output) {
    runner.run(context -> assertThat(output)
        .contains("WARN")
        .contains("no endpoint is guarded: no handler method is annotated with @VippsCallback"));
  }

  @Configuration(proxyBeanMethods = false)
  static class ApplicationChain {
    @Bean
    SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ReplacedChain {
    final SecurityFilterChain chain = new DefaultSecurityFilterChain(request -> false);

    @Bean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN)
    SecurityFilterChain vippsCallbackSecurityFilterChain() {
      return chain;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ApplicationBeans {
    static final AuthorizationManager<RequestAuthorizationContext> DENY_ALL =
        (authentication, context) -> new AuthorizationDecision(false);

    @Bean(destroyMethod = "close")
    VippsAllowlist myAllowlist() {
      return VippsAllowlist.builder(VippsEnvironment.TEST).dnsServers(List.of(CallbackDns.SCRIPTED.address()))
          .acceptSpecialPurposeAddresses(true) // CallbackDns answers loopback addresses, where the test requests come from
          .build();
    }

    @Bean
    ClientAddressResolver myResolver() {
      return ClientAddressResolver.ignoringForwardedHeaders();
    }

    @Bean
    VippsRequestGuard myGuard(VippsAllowlist allowlist, ClientAddressResolver resolver) {
      return VippsRequestGuard.of(allowlist, resolver, CallbackObserver.NONE, Duration.ofSeconds(5));
    }

    @Bean
    VippsCallbackEndpoints myEndpoints() {
      return VippsCallbackEndpoints.of(List.of(new CallbackEndpoint("/callbacks/**", java.util.Set.of("POST"))));
    }

    @Bean
    AuthorizationManager<RequestAuthorizationContext> vippsRequestServers() {
      return DENY_ALL;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoObservers {
    final List<CallbackOutcome> first = new ArrayList<>();
    final List<CallbackOutcome> second = new ArrayList<>();

    @Bean
    CallbackObserver firstObserver() {
      return first::add;
    }

    @Bean
    CallbackObserver secondObserver() {
      return second::add;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OrderedCustomizers {
    @Bean
    @org.springframework.core.annotation.Order(1)
    VippsAllowlistBuilderCustomizer first() {
      return builder -> builder.additionalHosts(List.of("first.example.test"));
    }

    @Bean
    @org.springframework.core.annotation.Order(3)
    VippsAllowlistBuilderCustomizer last() {
      return builder -> builder.additionalHosts(List.of("last.example.test"));
    }
  }
}
