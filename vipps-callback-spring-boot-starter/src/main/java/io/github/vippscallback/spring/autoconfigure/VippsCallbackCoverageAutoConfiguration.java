package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes sure no application asks for Vipps callbacks to be guarded where the starter has no guard: in any
 * kind of application (servlet, reactive, none), when no web stack's auto-configuration defined its
 * {@value VippsCallbackAutoConfiguration#STARTUP_REPORT_BEAN}, an application that sets
 * {@code vipps.callback.environment} or has {@link VippsCallback} handlers does not start
 * ({@link UnguardedApplicationCheck}). {@code vipps.callback.enabled=false} switches it off with the rest.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = VippsCallbackProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class VippsCallbackCoverageAutoConfiguration {

  VippsCallbackCoverageAutoConfiguration() {}

  @Bean
  static UnguardedApplicationCheck vippsCallbackUnguardedApplicationCheck(
      ListableBeanFactory beanFactory, Environment environment, ApplicationContext context) {
    return new UnguardedApplicationCheck(beanFactory, environment, context);
  }
}
