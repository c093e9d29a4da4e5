package io.github.vippscallback.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.CallbackOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicrometerCallbackObserverTests {

  private static final CallbackOutcome[] OUTCOMES = CallbackOutcome.values();

  @Test
  void countsEachOutcomeUnderItsOwnTag() {
    MeterRegistry registry = new SimpleMeterRegistry();
    MicrometerCallbackObserver observer = new MicrometerCallbackObserver(registry);

    observer.onOutcome(CallbackOutcome.DENIED);
    observer.onOutcome(CallbackOutcome.UNAVAILABLE);
    observer.onOutcome(CallbackOutcome.UNAVAILABLE);
    observer.onOutcome(CallbackOutcome.SIGNATURE_INVALID);
    observer.onOutcome(CallbackOutcome.SIGNATURE_INVALID);
    observer.onOutcome(CallbackOutcome.SIGNATURE_INVALID);
    observer.onOutcome(CallbackOutcome.BODY_TOO_LARGE);
    observer.onOutcome(CallbackOutcome.PEER_ADDRESS_UNREADABLE);
    observer.onOutcome(CallbackOutcome.PEER_ADDRESS_UNREADABLE);

    assertThat(count(registry, "allowed")).isZero();
    assertThat(count(registry, "denied")).isEqualTo(1);
    assertThat(count(registry, "peer_address_unreadable")).isEqualTo(2);
    assertThat(count(registry, "unavailable")).isEqualTo(2);
    assertThat(count(registry, "signature_invalid")).isEqualTo(3);
    assertThat(count(registry, "body_too_large")).isEqualTo(1);
  }

  @Test
  void countingARequestAllocatesNothing() {
    MeterRegistry registry = new SimpleMeterRegistry();
    MicrometerCallbackObserver observer = new MicrometerCallbackObserver(registry);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);

    for (int round = 0; round < 20; round++) { // warm-up, also lets the JIT compile
      countTenThousandEach(observer);
    }
    // The JVM may now and then allocate a few bytes on this thread (compilation events), so the quietest
    // of five runs counts; any allocation per call would show in every run as at least 16 bytes a call.
    List<Long> allocatedPerRun = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      countTenThousandEach(observer);
      allocatedPerRun.add(threads.getCurrentThreadAllocatedBytes() - before);
    }

    assertThat(allocatedPerRun).as("bytes allocated by 10,000 calls of onOutcome per outcome, per run")
        .contains(0L);
    assertThat(count(registry, "allowed")).isEqualTo(25 * 10_000);
  }

  private static void countTenThousandEach(MicrometerCallbackObserver observer) {
    for (int round = 0; round < 10_000; round++) {
      for (CallbackOutcome outcome : OUTCOMES) {
        observer.onOutcome(outcome);
      }
    }
  }

  private static double count(MeterRegistry registry, String outcome) {
    return registry.get(MicrometerCallbackObserver.REQUESTS).tag("outcome", outcome).counter().count();
  }
}
