package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.spring.VippsAllowlistBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The beans both web stacks share, imported by {@link VippsCallbackAutoConfiguration} (Spring MVC) and
 * {@link VippsCallbackReactiveAutoConfiguration} (WebFlux): the {@link VippsAllowlist} {@value
 * VippsCallbackAutoConfiguration#ALLOWLIST_BEAN} (started with the context and closed with it), the {@link
 * ClientAddressResolver} and the {@link CallbackGuard} (telling every {@link CallbackObserver} bean), which
 * the servlet stack wraps as its {@code VippsRequestGuard}.
 * Every bean backs off when the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class VippsCallbackCoreConfiguration {

  /**
   * The allowlist of {@code vipps.callback.environment}'s request servers, resolving in the background
   * from context start to context close. Every {@link VippsAllowlistBuilderCustomizer} bean is applied,
   * in order, after the properties.
   *
   * @throws VippsCallbackConfigurationException when a property is missing or bad
   */
  @Bean(name = VippsCallbackAutoConfiguration.ALLOWLIST_BEAN, initMethod = "start", destroyMethod = "close")
  @ConditionalOnMissingBean
  VippsAllowlist vippsCallbackAllowlist(
      VippsCallbackProperties properties, ObjectProvider<VippsAllowlistBuilderCustomizer> customizers,
      Environment environment) {
    return CallbackSettings.allowlist(properties, customizers.orderedStream().toList(), new TypedValues(environment));
  }

  /**
   * Binds the typed properties ({@code environment}, {@code mode}, the address ranges) to their core types,
   * with the core types' own parsing.
   */
  @Bean
  @ConfigurationPropertiesBinding
  static PropertyTypes vippsCallbackPropertyTypes() {
    return new PropertyTypes();
  }

  /** Words a typed property the binder cannot convert as every other bad setting: property, value, valid values. */
  @Bean
  static PropertyBindFailures vippsCallbackPropertyBindFailures() {
    return new PropertyBindFailures();
  }

  /**
   * Keeps the allowlist out of {@code spring.main.lazy-initialization}: it starts resolving when the
   * application starts, not when the first callback arrives (which would get 503 until DNS answered).
   */
  @Bean
  static LazyInitializationExcludeFilter vippsCallbackAllowlistNotLazy() {
    return LazyInitializationExcludeFilter.forBeanTypes(VippsAllowlist.class);
  }

  /**
   * Finds the client address: the peer address, or with {@code vipps.callback.trusted-proxies} the
   * forwarded headers those proxies wrote.
   */
  @Bean
  @ConditionalOnMissingBean
  ClientAddressResolver vippsCallbackClientAddressResolver(VippsCallbackProperties properties) {
    return CallbackSettings.clientAddressResolver(properties);
  }

  /**
   * The check: client address against the allowlist, telling every {@link CallbackObserver} bean; in
   * {@code vipps.callback.mode} ({@code enforce} or {@code report-only}); a 503 carries
   * {@code vipps.callback.retry-after} as its {@code Retry-After}.
   *
   * @throws VippsCallbackConfigurationException when the retry-after is bad
   */
  @Bean
  @ConditionalOnMissingBean
  CallbackGuard vippsCallbackGuard(
      VippsAllowlist vippsCallbackAllowlist,
      ClientAddressResolver vippsCallbackClientAddressResolver,
      ObjectProvider<CallbackObserver> observers,
      VippsCallbackProperties properties,
      Environment environment) {
    return CallbackSettings.callbackGuard(vippsCallbackAllowlist, vippsCallbackClientAddressResolver,
        CompositeCallbackObserver.of(observers.orderedStream().toList()), properties.getMode(),
        properties, new TypedValues(environment));
  }

}
