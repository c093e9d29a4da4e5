package io.github.vippscallback.servlet;

import io.github.vippscallback.core.WebhookSignatureResult;

/**
 * Counts what {@link VippsWebhookSignatureFilter} finds, e.g. as metrics, without this module
 * depending on a metrics library. Called on the request thread once per checked request: keep it
 * cheap and never throw.
 */
@FunctionalInterface
public interface WebhookSignatureObserver {

  /** An observer that does nothing. */
  WebhookSignatureObserver NONE = result -> { };

  /** Called once per request whose body was read: valid, or why not. */
  void onSignatureChecked(WebhookSignatureResult result);

  /** Called instead when a request was refused with 413 because its body is over the limit. */
  default void onBodyTooLarge() { }
}
