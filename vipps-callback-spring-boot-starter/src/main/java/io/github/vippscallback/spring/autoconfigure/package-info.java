/**
 * Auto-configuration of the Vipps callback starter: the {@code vipps.callback.*} properties and the one
 * place that turns them into settings, discovery of the {@code @VippsCallback} endpoints, the guard for
 * Spring MVC (the starter's {@code SecurityFilterChain}, or a servlet filter without Spring Security) and
 * for WebFlux (its {@code SecurityWebFilterChain}, or a {@code WebFilter}), and the start-up checks that
 * fail the application rather than let it run unguarded. Nothing here is meant to be called by an
 * application: the types it uses are in {@link io.github.vippscallback.spring}.
 */
@NullMarked
package io.github.vippscallback.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;

