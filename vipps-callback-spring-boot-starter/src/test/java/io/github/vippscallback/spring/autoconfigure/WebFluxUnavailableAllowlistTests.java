package io.github.vippscallback.spring.autoconfigure;

/**
 * Every test of {@link UnavailableAllowlistTests} on WebFlux (Reactor Netty, Spring Security): 503 with the
 * configured {@code Retry-After} while DNS knows no request server, other endpoints behind the default chain.
 */
class WebFluxUnavailableAllowlistTests extends UnavailableAllowlistTests {}
