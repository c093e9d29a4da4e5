package io.github.vippscallback.servlet;

import java.util.concurrent.atomic.AtomicIntegerArray;

/** Counts the outcomes it is told of, as a metrics module would. */
final class RecordingObserver implements CallbackObserver {

  private final AtomicIntegerArray counts = new AtomicIntegerArray(CallbackOutcome.values().length);

  @Override
  public void onOutcome(CallbackOutcome outcome) {
    counts.incrementAndGet(outcome.ordinal());
  }

  int count(CallbackOutcome outcome) {
    return counts.get(outcome.ordinal());
  }
}
