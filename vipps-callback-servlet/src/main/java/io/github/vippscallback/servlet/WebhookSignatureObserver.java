package io.github.vippscallback.servlet;

import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookVerification;
import java.util.Objects;

/**
 * Counts what {@link VippsWebhookSignatureFilter} finds, e.g. as metrics, without this module
 * depending on a metrics library. Called on the request thread once per checked request: keep it
 * cheap and never throw (an exception is logged, at most once a minute, and does not change the
 * answer). Told the same in {@linkplain EnforcementMode#REPORT_ONLY report-only mode} as when
 * enforcing.
 */
@FunctionalInterface
public interface WebhookSignatureObserver {

  /** An observer that does nothing. */
  WebhookSignatureObserver NONE = result -> { };

  /** Called once per request whose signature was checked: valid, or why not. */
  void onSignatureChecked(WebhookSignatureResult result);

  /**
   * Called by the filter once per request whose signature was checked, with which secret matched when
   * valid; by default tells {@link #onSignatureChecked} the result.
   */
  default void onVerified(WebhookVerification verification) {
    onSignatureChecked(verification.result());
  }

  /** Called instead when a request's body is over the limit (413 when enforcing). */
  default void onBodyTooLarge() { }

  /**
   * An observer that tells {@code observer} (the one counting the address check) of each refusal:
   * {@link CallbackOutcome#SIGNATURE_INVALID} for a request without a valid signature and {@link
   * CallbackOutcome#BODY_TOO_LARGE} for one whose body is over the limit. A valid signature is told
   * as {@link CallbackObserver#onSignatureValid} (which secret matched), not as an outcome: the address
   * check has already counted that request as {@link CallbackOutcome#ALLOWED}.
   */
  static WebhookSignatureObserver forwardingTo(CallbackObserver observer) {
    Objects.requireNonNull(observer, "observer");
    return new WebhookSignatureObserver() {
      @Override
      public void onSignatureChecked(WebhookSignatureResult result) {
        if (!result.isValid()) {
          observer.onOutcome(CallbackOutcome.SIGNATURE_INVALID);
        }
      }

      @Override
      public void onVerified(WebhookVerification verification) {
        if (verification.isValid()) {
          observer.onSignatureValid(verification);
        } else {
          observer.onOutcome(CallbackOutcome.SIGNATURE_INVALID);
        }
      }

      @Override
      public void onBodyTooLarge() {
        observer.onOutcome(CallbackOutcome.BODY_TOO_LARGE);
      }

      @Override
      public String toString() {
        return "WebhookSignatureObserver.forwardingTo(" + observer + ")";
      }
    };
  }
}
