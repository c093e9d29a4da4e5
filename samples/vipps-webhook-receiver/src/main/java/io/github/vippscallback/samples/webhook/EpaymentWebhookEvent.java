package io.github.vippscallback.samples.webhook;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * An ePayment webhook event as Vipps sends it, e.g.
 * {@code {"msn":"123456","reference":"order-1001","pspReference":"7686f7788898767977",
 * "name":"AUTHORIZED","amount":{"currency":"NOK","value":1000},"timestamp":"2024-01-15T10:00:00Z",
 * "idempotencyKey":null,"success":true}}. Fields Vipps may add later are ignored.
 *
 * @param msn the merchant serial number of the sales unit
 * @param reference the merchant's reference of the payment
 * @param pspReference Vipps' reference of this operation
 * @param name what happened: CREATED, AUTHORIZED, CAPTURED, CANCELLED, REFUNDED, ABORTED, EXPIRED,
 *     TERMINATED
 * @param amount the amount of the operation
 * @param timestamp when it happened
 * @param idempotencyKey the idempotency key of the request that caused it, if any
 * @param success whether the operation succeeded
 */
public record EpaymentWebhookEvent(
    @Nullable String msn,
    @Nullable String reference,
    @Nullable String pspReference,
    @Nullable String name,
    @Nullable Amount amount,
    @Nullable OffsetDateTime timestamp,
    @Nullable String idempotencyKey,
    boolean success) {

  /**
   * An amount in minor units.
   *
   * @param currency ISO 4217, e.g. {@code NOK}
   * @param value in minor units, e.g. øre: 1000 is NOK 10.00
   */
  public record Amount(@Nullable String currency, long value) {}

  /** Whether the fields every event carries are present, so the event can be acted on. */
  boolean isComplete() {
    return notBlank(msn) && notBlank(reference) && notBlank(pspReference) && notBlank(name);
  }

  private static boolean notBlank(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
