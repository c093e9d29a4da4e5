/** Tests of the MockMvc test support, used the way the README shows it. */
@NullMarked
package io.github.vippscallback.spring.test;

import org.jspecify.annotations.NullMarked;
