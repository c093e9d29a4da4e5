package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.servlet.CallbackObserver;
import io.github.vippscallback.servlet.CallbackOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts guarded requests as {@value #REQUESTS}, tagged {@code outcome} = {@code allowed}, {@code denied}
 * or {@code unavailable}. The three counters are registered up front, so counting a request is one
 * increment: no look-up, no allocation.
 */
public final class MicrometerCallbackObserver implements CallbackObserver {

  /** The counter's name. */
  public static final String REQUESTS = "vipps.callback.requests";

  private final Counter allowed;
  private final Counter denied;
  private final Counter unavailable;

  /** Registers the three counters in {@code registry}. */
  public MicrometerCallbackObserver(MeterRegistry registry) {
    this.allowed = counter(registry, "allowed", "From a Vipps request server: passed on");
    this.denied = counter(registry, "denied", "Not from a Vipps request server: answered 403");
    this.unavailable = counter(registry, "unavailable", "No Vipps address known yet: answered 503");
  }

  private static Counter counter(MeterRegistry registry, String outcome, String description) {
    return Counter.builder(REQUESTS)
        .tag("outcome", outcome)
        .description("Requests to Vipps callback endpoints. " + description)
        .baseUnit("requests")
        .register(registry);
  }

  @Override
  public void onOutcome(CallbackOutcome outcome) {
    switch (outcome) {
      case ALLOWED -> allowed.increment();
      case DENIED -> denied.increment();
      case UNAVAILABLE -> unavailable.increment();
    }
  }
}
