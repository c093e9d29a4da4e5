package io.github.vippscallback.spring.autoconfigure;

import java.util.List;

/**
 * A check the {@link StartupReport} runs on the guarded endpoints before it says they are guarded: one that
 * finds them unguarded after all throws {@link VippsCallbackNotGuardedException}, and the application does not
 * start.
 */
interface StartupCheck {

  /**
   * Checks that the guard really is in front of {@code guarded}.
   *
   * @throws VippsCallbackNotGuardedException when it is not
   */
  void verify(List<CallbackEndpoint> guarded);
}
