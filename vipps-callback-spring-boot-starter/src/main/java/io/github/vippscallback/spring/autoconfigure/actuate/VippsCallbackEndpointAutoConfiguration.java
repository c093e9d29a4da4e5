package io.github.vippscallback.spring.autoconfigure.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.actuate.VippsCallbackEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the read-only {@code vippscallback} actuator endpoint, when the actuator is on the
 * class path, the application has a {@link VippsAllowlist} and the endpoint is available (accessible and
 * exposed, e.g. {@code management.endpoints.web.exposure.include=health,vippscallback}).
 */
@AutoConfiguration(afterName = {
    "io.github.vippscallback.spring.autoconfigure.VippsCallbackAutoConfiguration",
    "io.github.vippscallback.spring.autoconfigure.VippsCallbackReactiveAutoConfiguration"})
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnSingleCandidate(VippsAllowlist.class)
public final class VippsCallbackEndpointAutoConfiguration {

  VippsCallbackEndpointAutoConfiguration() {}

  /** The endpoint. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  VippsCallbackEndpoint vippsCallbackEndpoint(VippsAllowlist allowlist) {
    return new VippsCallbackEndpoint(allowlist);
  }
}
