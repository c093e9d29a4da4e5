/** Unit tests of the WebFlux pieces; the WebFlux applications run in the {@code webflux} executions. */
@NullMarked
package io.github.vippscallback.spring.reactive;

import org.jspecify.annotations.NullMarked;
