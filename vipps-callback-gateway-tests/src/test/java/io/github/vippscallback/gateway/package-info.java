/**
 * Spring Cloud Gateway applications (server-webflux and server-webmvc, with and without Spring Security)
 * that guard a Vipps route to a backend on loopback: what passes, what is refused, and that no reading of a
 * path routes a stranger around the guard.
 */
@NullMarked
package io.github.vippscallback.gateway;

import org.jspecify.annotations.NullMarked;
