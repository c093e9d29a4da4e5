package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** A {@link CallbackObserver} bean counting outcomes, as a metrics module would. */
public class OutcomeCounter implements CallbackObserver {

  private final AtomicIntegerArray counts = new AtomicIntegerArray(CallbackOutcome.values().length);

  @Override
  public void onOutcome(CallbackOutcome outcome) {
    counts.incrementAndGet(outcome.ordinal());
  }

  /** How often {@code outcome} was told. */
  public int count(CallbackOutcome outcome) {
    return counts.get(outcome.ordinal());
  }

  /** Forgets every count. */
  public void reset() {
    for (int i = 0; i < counts.length(); i++) {
      counts.set(i, 0);
    }
  }
}
