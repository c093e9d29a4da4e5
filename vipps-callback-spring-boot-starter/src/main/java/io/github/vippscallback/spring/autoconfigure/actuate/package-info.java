/**
 * Auto-configuration of the starter's operations support (in {@link io.github.vippscallback.spring.actuate}):
 * the {@code vippsCallback} health contributor, the {@code vippscallback} actuator endpoint and the Micrometer
 * metrics, each only when its library is on the class path.
 */
@NullMarked
package io.github.vippscallback.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
