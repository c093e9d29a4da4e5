package io.github.vippscallback.guard;

import org.jspecify.annotations.Nullable;

/**
 * The guard's verdict on one request.
 *
 * @param outcome allowed, denied or unavailable
 * @param clientAddress the client address found, or {@code null} when none could be (a bad forwarded hop)
 */
public record GuardVerdict(CallbackOutcome outcome, @Nullable String clientAddress) {

  /**
   * Whether the request may go on.
   *
   * @return {@code true} when the client address is allowed
   */
  public boolean allowed() {
    return outcome == CallbackOutcome.ALLOWED;
  }
}
