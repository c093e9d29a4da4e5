package io.github.vippscallback.servlet;

import io.github.vippscallback.webhook.WebhookVerification;

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

  /**
   * Called once per webhook whose signature is valid, after {@link #onOutcome} counted it as {@link
   * CallbackOutcome#ALLOWED}, with which secret matched ({@link WebhookVerification#secretTag()}, {@link
   * WebhookVerification#describeSecret()}): while a secret is rotated this shows when the old one stops
   * being used. Does nothing by default.
   */
  default void onSignatureValid(WebhookVerification verification) { }
}
