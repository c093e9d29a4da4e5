/**
 * What an application uses of the Vipps callback starter: annotate callback controllers or handler methods
 * with {@link io.github.vippscallback.spring.VippsCallback}, set {@code vipps.callback.environment}, and only
 * Vipps' request servers reach them. With Spring Security the starter contributes its own
 * {@code SecurityFilterChain} for exactly those endpoints; without it, a servlet filter. To guard paths of
 * your own chain, {@link io.github.vippscallback.spring.VippsCallbackConfigurer} or the
 * {@code vippsRequestServers} {@link io.github.vippscallback.spring.VippsRequestServersAuthorizationManager}.
 * The auto-configuration itself is in {@code io.github.vippscallback.spring.autoconfigure}.
 */
@NullMarked
package io.github.vippscallback.spring;

import org.jspecify.annotations.NullMarked;
