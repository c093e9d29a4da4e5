/**
 * The WebFlux sample: a Spring Boot application on Reactor Netty that receives Vipps MobilePay ePayment
 * webhook events at a {@code @VippsCallback} endpoint, which only Vipps' request servers can reach.
 */
@NullMarked
package io.github.vippscallback.samples.webflux;

import org.jspecify.annotations.NullMarked;
