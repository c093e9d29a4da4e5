package io.github.vippscallback.servlet;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.webhook.WebhookVerification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** Counts the outcomes it is told of, as a metrics module would. */
final class RecordingObserver implements CallbackObserver {

  private final AtomicIntegerArray counts = new AtomicIntegerArray(CallbackOutcome.values().length);
  /** The tag of the secret that matched, for each valid signature, in order. */
  final List<String> matchedSecrets = new CopyOnWriteArrayList<>();

  @Override
  public void onOutcome(CallbackOutcome outcome) {
    counts.incrementAndGet(outcome.ordinal());
  }

  @Override
  public void onSignatureValid(WebhookVerification verification) {
    matchedSecrets.add(verification.secretTag());
  }

  int count(CallbackOutcome outcome) {
    return counts.get(outcome.ordinal());
  }
}
