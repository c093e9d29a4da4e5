package io.github.vippscallback.guard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets at most a number of log lines through per time window, lock-free, and counts the ones it holds
 * back so the next line can say how many were suppressed. A flood of denied requests thus cannot fill
 * the disk.
 *
 * <p>The window number and the count of lines in it share one {@link AtomicLong}, so a window change
 * and the first line of the new window are one atomic step.
 */
final class LogRateLimiter {

  private static final int COUNT_BITS = 20;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private final int linesPerWindow;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final long origin;
  private final AtomicLong windowAndCount = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * @param linesPerWindow lines let through per window, 1 to 2^20 - 1
   * @param window the window length
   * @param nanoTime a monotonic time source such as {@code System::nanoTime}
   */
  LogRateLimiter(int linesPerWindow, Duration window, LongSupplier nanoTime) {
    if (linesPerWindow < 1 || linesPerWindow > COUNT_MASK) {
      throw new IllegalArgumentException(
          "linesPerWindow is " + linesPerWindow + "; valid: 1 to " + COUNT_MASK);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window is " + window + "; valid: a positive duration");
    }
    this.linesPerWindow = linesPerWindow;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
    this.origin = nanoTime.getAsLong();
  }

  /** Whether a line may be logged now; when not, it is counted as suppressed. */
  boolean tryAcquire() {
    long window = (nanoTime.getAsLong() - origin) / windowNanos;
    while (true) {
      long current = windowAndCount.get();
      long currentWindow = current >>> COUNT_BITS;
      long next;
      if (window > currentWindow) {
        next = (window << COUNT_BITS) | 1;
      } else if ((current & COUNT_MASK) >= linesPerWindow) {
        suppressed.incrementAndGet();
        return false;
      } else {
        next = current + 1;
      }
      if (windowAndCount.compareAndSet(current, next)) {
        return true;
      }
    }
  }

  /** How many lines were suppressed since the last call; resets the count. */
  long takeSuppressed() {
    return suppressed.getAndSet(0);
  }
}
