/** Tests of the Spring Boot starter. */
@NullMarked
package io.github.vippscallback.spring;

import org.jspecify.annotations.NullMarked;
