package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.spring.testapp.CallbackDns;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * The typed properties bind straight to their core types with the core types' own parsing: aliases, any
 * case, comma-separated and indexed lists; a blank environment reads as not set.
 */
class VippsCallbackPropertiesBindingTests {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VippsCallbackAutoConfiguration.class))
      .withPropertyValues("vipps.callback.dns.servers=" + CallbackDns.SCRIPTED.address(),
          LoopbackApplicationFixture.ACCEPT_LOOPBACK_ANSWERS);

  @Test
  void environmentAliasAndModeInAnyCaseBindToTheirCoreTypes() {
    runner.withPropertyValues("vipps.callback.environment=Production", "vipps.callback.mode= REPORT-ONLY ")
        .run(context -> {
          VippsCallbackProperties properties = context.getBean(VippsCallbackProperties.class);
          assertThat(properties.getEnvironment()).isEqualTo(VippsEnvironment.PROD);
          assertThat(properties.getMode()).isEqualTo(EnforcementMode.REPORT_ONLY);
        });
  }

  @Test
  void commaSeparatedAndIndexedRangesBindAsIpRanges() {
    runner.withPropertyValues("vipps.callback.environment=test",
            "vipps.callback.trusted-proxies=10.0.0.0/8, 2001:db8::/32",
            "vipps.callback.additional-addresses[0]=127.0.0.1",
            "vipps.callback.additional-addresses[1]=::1")
        .run(context -> {
          VippsCallbackProperties properties = context.getBean(VippsCallbackProperties.class);
          assertThat(properties.getTrustedProxies())
              .containsExactly(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32"));
          assertThat(properties.getAdditionalAddresses())
              .containsExactly(IpRange.parse("127.0.0.1"), IpRange.parse("::1"));
        });
  }

  @Test
  void modeDefaultsToEnforce() {
    runner.withPropertyValues("vipps.callback.environment=test").run(context ->
        assertThat(context.getBean(VippsCallbackProperties.class).getMode()).isEqualTo(EnforcementMode.ENFORCE));
  }

  @Test
  void blankEnvironmentStopsStartUpAsNotChosen() {
    runner.withPropertyValues("vipps.callback.environment= ").run(context -> {
      assertThat(context).hasFailed();
      VippsCallbackConfigurationException cause =
          StartupFailures.causeOf(context.getStartupFailure(), VippsCallbackConfigurationException.class);
      assertThat(cause.property()).isEqualTo("vipps.callback.environment");
      assertThat(cause.reason()).isEqualTo("the Vipps environment must be chosen explicitly");
    });
  }

  @Test
  void blankModeAndRangesAreNotSetSoTheStrictDefaultsHold() {
    runner.withPropertyValues("vipps.callback.environment=test", "vipps.callback.mode=",
            "vipps.callback.trusted-proxies=", "vipps.callback.additional-addresses=")
        .run(context -> {
          VippsCallbackProperties properties = context.getBean(VippsCallbackProperties.class);
          assertThat(properties.getMode()).isEqualTo(EnforcementMode.ENFORCE);
          assertThat(properties.getTrustedProxies()).isEmpty();
          assertThat(properties.getAdditionalAddresses()).isEmpty();
        });
  }

  @Test
  void applicationConversionServiceWithoutTheStartersConverterStopsStartUpSayingWhy() {
    runner.withPropertyValues("vipps.callback.environment=prod", "vipps.callback.trusted-proxies=10.0.0.0/8")
        .withBean("conversionService", ConversionService.class, DefaultConversionService::new)
        .run(context -> {
          assertThat(context).hasFailed();
          VippsCallbackConfigurationException cause =
              StartupFailures.causeOf(context.getStartupFailure(), VippsCallbackConfigurationException.class);
          assertThat(cause.property()).isEqualTo("vipps.callback.trusted-proxies");
          assertThat(cause.value()).isEqualTo("10.0.0.0/8");
          assertThat(cause.reason()).contains("'conversionService'", "ApplicationConversionService.addBeans");
        });
  }

  @Test
  void applicationConversionServiceWithTheApplicationsConverterBeansBinds() {
    runner.withPropertyValues("vipps.callback.environment=prod", "vipps.callback.trusted-proxies=10.0.0.0/8")
        .withUserConfiguration(OwnConversionService.class)
        .run(context -> {
          VippsCallbackProperties properties = context.getBean(VippsCallbackProperties.class);
          assertThat(properties.getEnvironment()).isEqualTo(VippsEnvironment.PROD);
          assertThat(properties.getTrustedProxies()).containsExactly(IpRange.parse("10.0.0.0/8"));
        });
  }

  /** An application's own {@code conversionService}, with its converter beans added as the message advises. */
  @Configuration(proxyBeanMethods = false)
  static class OwnConversionService {

    @Bean
    static ConversionService conversionService(ListableBeanFactory beanFactory) {
      ApplicationConversionService conversionService = new ApplicationConversionService();
      ApplicationConversionService.addBeans(conversionService, beanFactory);
      return conversionService;
    }
  }
}
