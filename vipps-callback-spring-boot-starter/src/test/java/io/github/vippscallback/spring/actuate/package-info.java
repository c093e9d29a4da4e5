/** Tests of the starter's operations support. */
@NullMarked
package io.github.vippscallback.spring.actuate;

import org.jspecify.annotations.NullMarked;
