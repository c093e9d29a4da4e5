package io.github.vippscallback.servlet;

/**
 * Counts what happens to guarded requests, e.g. as metrics, without this module depending on a
 * metrics library. Called on the request thread for every guarded request: keep it cheap and never
 * throw.
 */
@FunctionalInterface
public interface CallbackObserver {

  /** An observer that does nothing. */
  CallbackObserver NONE = outcome -> { };

  /** Called once per guarded request. */
  void onOutcome(CallbackOutcome outcome);
}
