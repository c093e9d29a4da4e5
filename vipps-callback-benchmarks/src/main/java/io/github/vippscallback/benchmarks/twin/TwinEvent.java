package io.github.vippscallback.benchmarks.twin;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An ePayment webhook event, bound the way the webhook receiver sample binds it. */
record TwinEvent(
    @Nullable String msn,
    @Nullable String reference,
    @Nullable String pspReference,
    @Nullable String name,
    @Nullable Amount amount,
    @Nullable OffsetDateTime timestamp,
    @Nullable String idempotencyKey,
    boolean success) {

  /** The amount, in minor units. */
  record Amount(@Nullable String currency, long value) {}

  boolean isComplete() {
    return notBlank(msn) && notBlank(reference) && notBlank(pspReference) && notBlank(name);
  }

  private static boolean notBlank(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
