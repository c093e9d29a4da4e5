package io.github.vippscallback.servlet;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the outcomes it is told of, as a metrics module would. */
final class RecordingObserver implements CallbackObserver {

  private final Map<CallbackOutcome, AtomicInteger> counts = new EnumMap<>(CallbackOutcome.class);

  RecordingObserver() {
    for (CallbackOutcome outcome : CallbackOutcome.values()) {
      counts.put(outcome, new AtomicInteger());
    }
  }

  @Override
  public void onOutcome(CallbackOutcome outcome) {
    counts.get(outcome).incrementAndGet();
  }

  int count(CallbackOutcome outcome) {
    return counts.get(outcome).get();
  }
}
