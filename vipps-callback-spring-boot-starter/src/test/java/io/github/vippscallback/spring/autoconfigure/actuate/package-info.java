/** Tests of the Spring Boot starter. */
@NullMarked
package io.github.vippscallback.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
