/** Tests of the end-to-end twin-endpoints application. */
@NullMarked
package io.github.vippscallback.benchmarks.twin;

import org.jspecify.annotations.NullMarked;
