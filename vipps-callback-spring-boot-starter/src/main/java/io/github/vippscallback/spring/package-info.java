/**
 * The Spring Boot starter: annotate callback controllers or handler methods with
 * {@link io.github.vippscallback.spring.VippsCallback}, set {@code vipps.callback.environment}, and only
 * Vipps' request servers reach them. With Spring Security the starter contributes its own
 * {@code SecurityFilterChain} for exactly those endpoints; without it, a servlet filter.
 */
@NullMarked
package io.github.vippscallback.spring;

import org.jspecify.annotations.NullMarked;
