package io.github.vippscallback.spring.autoconfigure.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.actuate.VippsCallbackHealthIndicator;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the {@code vippsCallback} health contributor, when Spring Boot's health support
 * is on the class path, the application has a {@link VippsAllowlist} and
 * {@code management.health.vippscallback.enabled} is not {@code false}: {@link VippsCallbackHealthIndicator}
 * on Spring Boot 4, the same report through Boot 3's health types on Spring Boot 3.5.
 */
@AutoConfiguration(
    afterName = {
        "io.github.vippscallback.spring.autoconfigure.VippsCallbackAutoConfiguration",
        "io.github.vippscallback.spring.autoconfigure.VippsCallbackReactiveAutoConfiguration"},
    beforeName = {
        "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration",
        // the same on Spring Boot 3.5 (see SpringBootLines)
        "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration"})
@ConditionalOnSingleCandidate(VippsAllowlist.class)
public final class VippsCallbackHealthContributorAutoConfiguration {

  /** The name of the health contributor bean; the contributor is {@code vippsCallback}. */
  static final String HEALTH_INDICATOR_BEAN = "vippsCallbackHealthIndicator";

  VippsCallbackHealthContributorAutoConfiguration() {}

  /**
   * Spring Boot 4. (The enabled-condition sits on the method, not on the class, so that its condition class
   * is loaded only once the health classes are known to be present.)
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
  static class Boot4Health {

    @Bean(HEALTH_INDICATOR_BEAN)
    @ConditionalOnEnabledHealthIndicator("vippscallback")
    @ConditionalOnMissingBean(name = HEALTH_INDICATOR_BEAN)
    VippsCallbackHealthIndicator vippsCallbackHealthIndicator(VippsAllowlist allowlist) {
      return new VippsCallbackHealthIndicator(allowlist);
    }
  }

  /** Spring Boot 3.5, with Boot 3's rule for enabling: the contributor's property, else the default's. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = Boot3HealthIndicator.HEALTH_INDICATOR)
  @ConditionalOnExpression(
      "${management.health.vippscallback.enabled:${management.health.defaults.enabled:true}}")
  static class Boot3Health {

    @Bean(HEALTH_INDICATOR_BEAN)
    @ConditionalOnMissingBean(name = HEALTH_INDICATOR_BEAN)
    static Boot3HealthIndicator vippsCallbackHealthIndicator(ObjectProvider<VippsAllowlist> allowlist)
        throws ReflectiveOperationException {
      return new Boot3HealthIndicator(allowlist, VippsAllowlist.class.getClassLoader());
    }

    /**
     * Gives the bean above its full type, a {@code FactoryBean} of Boot 3's {@code HealthIndicator}: its
     * class cannot name that type, and without it ahead-of-time processing records a factory of
     * {@code Object}, which Boot's health registry then does not find.
     */
    @Bean
    static BeanFactoryPostProcessor vippsCallbackHealthIndicatorType() {
      return beanFactory -> {
        if (beanFactory.containsBeanDefinition(HEALTH_INDICATOR_BEAN)
            && beanFactory.getBeanDefinition(HEALTH_INDICATOR_BEAN) instanceof RootBeanDefinition definition
            && Boot3Health.class.getName().equals(definition.getBeanClassName())) {
          Class<?> indicator =
              ClassUtils.resolveClassName(Boot3HealthIndicator.HEALTH_INDICATOR, beanFactory.getBeanClassLoader());
          definition.setTargetType(ResolvableType.forClassWithGenerics(FactoryBean.class, indicator));
        }
      };
    }
  }
}
