/**
 * JMH benchmarks of vipps-callback's request path against the usual alternatives, and their fixtures.
 * Run them with the command in docs/PERFORMANCE.md; the normal build compiles them but never runs them.
 */
@NullMarked
package io.github.vippscallback.benchmarks;

import org.jspecify.annotations.NullMarked;
