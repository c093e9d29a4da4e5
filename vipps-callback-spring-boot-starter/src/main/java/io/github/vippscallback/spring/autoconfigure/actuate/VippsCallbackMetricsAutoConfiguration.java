package io.github.vippscallback.spring.autoconfigure.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.VippsAllowlistBuilderCustomizer;
import io.github.vippscallback.spring.actuate.MicrometerCallbackObserver;
import io.github.vippscallback.spring.actuate.MicrometerDnsRefreshListener;
import io.github.vippscallback.spring.actuate.VippsAllowlistMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Vipps callback metrics, when Micrometer is on the class path and the
 * application has a {@link MeterRegistry} and a {@link VippsAllowlist}: the request counter
 * {@value MicrometerCallbackObserver#REQUESTS} (through a {@link io.github.vippscallback.guard.CallbackObserver}
 * bean that the starter's guard calls), the gauge {@value VippsAllowlistMeterBinder#ADDRESSES}, and the
 * timer {@value MicrometerDnsRefreshListener#REFRESH} (through a {@link VippsAllowlistBuilderCustomizer}
 * applied when the starter builds the allowlist).
 */
@AutoConfiguration(
    afterName = {
      "io.github.vippscallback.spring.autoconfigure.VippsCallbackAutoConfiguration",
      "io.github.vippscallback.spring.autoconfigure.VippsCallbackReactiveAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      // the same on Spring Boot 3.5 (see SpringBootLines)
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(VippsAllowlist.class)
public final class VippsCallbackMetricsAutoConfiguration {

  VippsCallbackMetricsAutoConfiguration() {}

  /** Counts guarded requests by outcome. */
  @Bean
  @ConditionalOnMissingBean
  MicrometerCallbackObserver vippsCallbackMetricsObserver(MeterRegistry registry) {
    return new MicrometerCallbackObserver(registry);
  }

  /** Measures the allowlist's size. */
  @Bean
  @ConditionalOnMissingBean
  VippsAllowlistMeterBinder vippsAllowlistMeterBinder(VippsAllowlist allowlist) {
    return new VippsAllowlistMeterBinder(allowlist);
  }

  /** Times the allowlist's background DNS lookups, when the starter builds the allowlist. */
  @Bean
  @ConditionalOnMissingBean(name = "vippsCallbackDnsRefreshMetrics")
  VippsAllowlistBuilderCustomizer vippsCallbackDnsRefreshMetrics(MeterRegistry registry) {
    return builder -> builder.listener(new MicrometerDnsRefreshListener(registry));
  }
}
