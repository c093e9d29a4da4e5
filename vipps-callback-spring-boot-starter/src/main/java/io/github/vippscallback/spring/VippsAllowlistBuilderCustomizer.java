package io.github.vippscallback.spring;

import io.github.vippscallback.allowlist.VippsAllowlist;

/**
 * Customizes the {@link VippsAllowlist.Builder} the starter creates from the {@code vipps.callback.*}
 * properties, before it builds the {@code vippsCallbackAllowlist} bean. Every bean of this type is applied,
 * in {@link org.springframework.core.annotation.Order @Order}, after the properties, so a customizer's
 * settings win. The starter's own metrics use it to listen to DNS refreshes.
 *
 * <p>Remember what the allowlist is for: a customizer that adds addresses widens who may call the
 * callback endpoints.
 */
@FunctionalInterface
public interface VippsAllowlistBuilderCustomizer {

  /**
   * Customizes the builder; called once, on the thread that creates the allowlist bean.
   *
   * @param builder the builder of the starter's allowlist, already set from the {@code vipps.callback.*} properties
   */
  void customize(VippsAllowlist.Builder builder);
}
