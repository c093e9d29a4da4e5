/**
 * A small Spring Boot application for the end-to-end script: one JVM serving two identical webhook
 * endpoints, one guarded by {@code @VippsCallback} and one open (permitAll), so the two can be compared
 * without differences between JVMs (JIT, heap, start-up). Not a sample: merchants copy the samples.
 */
@NullMarked
package io.github.vippscallback.benchmarks.twin;

import org.jspecify.annotations.NullMarked;
