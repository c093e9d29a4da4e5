/** Tests of the Spring Boot starter. */
@NullMarked
package io.github.vippscallback.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
