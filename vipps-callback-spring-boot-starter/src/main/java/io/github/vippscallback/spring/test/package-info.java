/**
 * Test support for applications that use the starter: send a request "from Vipps" in a MockMvc test
 * with {@link io.github.vippscallback.spring.test.VippsMockMvc}. Needs {@code spring-test} on the test
 * class path (an optional dependency of the starter).
 */
@NullMarked
package io.github.vippscallback.spring.test;

import org.jspecify.annotations.NullMarked;
