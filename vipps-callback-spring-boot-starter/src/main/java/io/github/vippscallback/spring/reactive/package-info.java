/**
 * The Vipps callback guard on Spring WebFlux: the {@link
 * io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints} matcher, the {@code WebFilter} used
 * without Spring Security, the {@code ReactiveAuthorizationManager} {@code vippsRequestServers} and the
 * rejection handler for {@code SecurityWebFilterChain}s, and the webhook signature check on a buffered
 * body. The same checks, answers, logs and counters as the servlet stack ({@code
 * io.github.vippscallback.servlet}); wired by {@code VippsCallbackReactiveAutoConfiguration}.
 */
@NullMarked
package io.github.vippscallback.spring.reactive;

import org.jspecify.annotations.NullMarked;

