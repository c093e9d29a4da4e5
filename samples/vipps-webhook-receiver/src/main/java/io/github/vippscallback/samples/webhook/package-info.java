/**
 * The main sample: a Spring Boot application that receives Vipps MobilePay ePayment webhook events at
 * a {@code @VippsCallback} endpoint, which only Vipps' request servers can reach, and registers that
 * webhook with the Vipps Webhooks API on start-up when credentials are configured.
 */
@NullMarked
package io.github.vippscallback.samples.webhook;

import org.jspecify.annotations.NullMarked;
