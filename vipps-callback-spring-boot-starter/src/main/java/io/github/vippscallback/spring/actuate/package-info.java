/**
 * Operations support for the Vipps callback starter: the {@code vippsCallback} health contributor, the
 * read-only {@code vippscallback} actuator endpoint and Micrometer metrics. Each part switches on only when
 * its library (Spring Boot's health support, the actuator, Micrometer) is on the class path.
 */
@NullMarked
package io.github.vippscallback.spring.actuate;

import org.jspecify.annotations.NullMarked;
