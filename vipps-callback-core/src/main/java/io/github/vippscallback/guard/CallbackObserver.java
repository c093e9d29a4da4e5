package io.github.vippscallback.guard;

import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookVerification;

/**
 * Counts what happens to guarded requests, e.g. as metrics, without this module depending on a
 * metrics library: the one observer of both checks. The address check ({@link CallbackGuard}) reports
 * {@link CallbackOutcome#ALLOWED}, {@link CallbackOutcome#DENIED}, {@link
 * CallbackOutcome#PEER_ADDRESS_UNREADABLE} or {@link CallbackOutcome#UNAVAILABLE} once per guarded request;
 * the webhook signature check ({@link WebhookSignatureCheck}) reports {@link CallbackOutcome#SIGNATURE_INVALID} or {@link
 * CallbackOutcome#BODY_TOO_LARGE} for a request it refuses, and tells {@link #onSignatureChecked} the
 * detailed result of every signature it checked. Called on the request thread: keep it cheap and never
 * throw (an exception is logged, rate-limited, and does not change the answer). Told the same in
 * {@linkplain EnforcementMode#REPORT_ONLY report-only mode} as when enforcing.
 */
@FunctionalInterface
public interface CallbackObserver {

  /** An observer that does nothing. */
  CallbackObserver NONE = outcome -> { };

  /**
   * Called once per guarded request by the address check, and once more for a signature refusal.
   *
   * @param outcome what was decided for the request
   */
  void onOutcome(CallbackOutcome outcome);

  /**
   * Called once per request whose webhook signature was checked: valid, or why not. A request whose
   * body is over the limit is reported as {@link CallbackOutcome#BODY_TOO_LARGE} instead. By default
   * nothing: a refusal is also reported to {@link #onOutcome}.
   *
   * @param result the signature check's result
   */
  default void onSignatureChecked(WebhookSignatureResult result) { }

  /**
   * Called once per webhook whose signature is valid, after {@link #onOutcome} counted it as {@link
   * CallbackOutcome#ALLOWED}, with which secret matched ({@link WebhookVerification#secretTag()}, {@link
   * WebhookVerification#describeSecret()}): while a secret is rotated this shows when the old one stops
   * being used. Does nothing by default.
   *
   * @param verification which secret matched, among those configured
   */
  default void onSignatureValid(WebhookVerification verification) { }
}
