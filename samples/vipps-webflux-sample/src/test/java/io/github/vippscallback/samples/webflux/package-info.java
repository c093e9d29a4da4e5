/** Tests of the WebFlux sample over real HTTP from loopback source addresses. */
@NullMarked
package io.github.vippscallback.samples.webflux;

import org.jspecify.annotations.NullMarked;
