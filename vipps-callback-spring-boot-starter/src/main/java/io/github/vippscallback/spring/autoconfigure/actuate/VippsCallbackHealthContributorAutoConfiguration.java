package io.github.vippscallback.spring.autoconfigure.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.actuate.VippsCallbackHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code vippsCallback} health contributor, when Spring Boot's health support
 * is on the class path, the application has a {@link VippsAllowlist} and
 * {@code management.health.vippscallback.enabled} is not {@code false}.
 */
@AutoConfiguration(
    afterName = {
        "io.github.vippscallback.spring.autoconfigure.VippsCallbackAutoConfiguration",
        "io.github.vippscallback.spring.autoconfigure.VippsCallbackReactiveAutoConfiguration"},
    beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnSingleCandidate(VippsAllowlist.class)
public final class VippsCallbackHealthContributorAutoConfiguration {

  VippsCallbackHealthContributorAutoConfiguration() {}

  /**
   * The health contributor, registered as {@code vippsCallback}. (The enabled-condition sits here, not on
   * the class, so that its condition class is loaded only once the health classes are known to be present.)
   */
  @Bean
  @ConditionalOnEnabledHealthIndicator("vippscallback")
  @ConditionalOnMissingBean(name = "vippsCallbackHealthIndicator")
  VippsCallbackHealthIndicator vippsCallbackHealthIndicator(VippsAllowlist allowlist) {
    return new VippsCallbackHealthIndicator(allowlist);
  }
}
