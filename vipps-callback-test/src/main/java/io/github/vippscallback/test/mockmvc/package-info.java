/**
 * Send a request "from Vipps" in a Spring MockMvc test with {@link
 * io.github.vippscallback.test.mockmvc.VippsMockMvc}. Needs {@code spring-test} on the test class path
 * (an optional dependency of this kit; Spring Boot's {@code spring-boot-starter-test} brings it).
 */
@NullMarked
package io.github.vippscallback.test.mockmvc;

import org.jspecify.annotations.NullMarked;
