/**
 * The container matrix: one table of expected answers ({@link io.github.vippscallback.containers.Check}),
 * put by {@link io.github.vippscallback.containers.ContainerMatrixTest} to each servlet container the
 * build tests, configured by init-parameters and by the builders.
 */
@NullMarked
package io.github.vippscallback.containers;

import org.jspecify.annotations.NullMarked;
