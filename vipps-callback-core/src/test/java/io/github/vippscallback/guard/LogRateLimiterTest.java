package io.github.vippscallback.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(123_456_789L);

  @Test
  void letsThroughAtMostTheLimitPerWindowAndCountsTheRest() {
    LogRateLimiter limiter = new LogRateLimiter(3, Duration.ofSeconds(1), nanos::get);

    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      allowed += limiter.tryAcquire() ? 1 : 0;
    }

    assertThat(allowed).isEqualTo(3);
    assertThat(limiter.takeSuppressed()).isEqualTo(7);
    assertThat(limiter.takeSuppressed()).isZero();
  }

  @Test
  void startsAFreshAllowanceInTheNextWindow() {
    LogRateLimiter limiter = new LogRateLimiter(2, Duration.ofSeconds(1), nanos::get);
    limiter.tryAcquire();
    limiter.tryAcquire();
    assertThat(limiter.tryAcquire()).isFalse();

    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(limiter.tryAcquire()).isFalse();
    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    assertThat(limiter.takeSuppressed()).isEqualTo(3);
  }

  @Test
  void worksFromAnyNanoTimeOriginIncludingNegativeValues() {
    nanos.set(Long.MIN_VALUE + 10);
    LogRateLimiter limiter = new LogRateLimiter(1, Duration.ofSeconds(1), nanos::get);

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(limiter.tryAcquire()).isTrue();
  }

  @Test
  void neverLetsThroughMoreThanTheLimitUnderContention() throws Exception {
    LogRateLimiter limiter = new LogRateLimiter(5, Duration.ofSeconds(1), nanos::get);
    AtomicInteger allowed = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int t = 0; t < 8; t++) {
        threads.execute(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          for (int i = 0; i < 10_000; i++) {
            if (limiter.tryAcquire()) {
              allowed.incrementAndGet();
            }
          }
        });
      }
      go.countDown();
    } finally {
      threads.shutdown();
      assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(allowed.get()).isEqualTo(5);
    assertThat(limiter.takeSuppressed()).isEqualTo(80_000 - 5);
  }

  @Test
  void refusesANonPositiveLimitOrWindow() {
    assertThatThrownBy(() -> new LogRateLimiter(0, Duration.ofSeconds(1), nanos::get))
        .hasMessageContaining("linesPerWindow is 0");
    assertThatThrownBy(() -> new LogRateLimiter(1, Duration.ZERO, nanos::get))
        .hasMessageContaining("window is PT0S");
  }
}
