package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.AllowlistChange;
import io.github.vippscallback.allowlist.AllowlistListener;
import io.github.vippscallback.address.IpRange;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands changes from the allowlist's refresh thread to the thread that reports them, so a slow
 * {@code --on-change} command never holds up DNS refresh. Only the latest set matters: the taker
 * skips sets that were overtaken while it was busy.
 */
final class ChangeQueue implements AllowlistListener {

  private final BlockingQueue<Optional<Set<IpRange>>> sets = new LinkedBlockingQueue<>();

  @Override
  public void onChange(AllowlistChange change) {
    sets.add(Optional.of(change.current()));
  }

  /** Makes {@link #takeLatest} return empty: the watch is over. */
  void stop() {
    sets.add(Optional.empty());
  }

  /** Waits for a change and returns the newest set, or empty once {@link #stop} was called. */
  Optional<Set<IpRange>> takeLatest() throws InterruptedException {
    Optional<Set<IpRange>> latest = sets.take();
    Optional<Set<IpRange>> newer;
    while (latest.isPresent() && (newer = sets.poll()) != null) {
      latest = newer;
    }
    return latest;
  }
}
