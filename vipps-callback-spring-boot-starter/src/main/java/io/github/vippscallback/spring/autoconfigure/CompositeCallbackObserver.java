package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookVerification;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** Tells every {@link CallbackObserver} bean of the context, in order; one failing does not stop the rest. */
final class CompositeCallbackObserver implements CallbackObserver {

  private final CallbackObserver[] observers;

  private CompositeCallbackObserver(List<CallbackObserver> observers) {
    this.observers = observers.toArray(new CallbackObserver[0]);
  }

  static CallbackObserver of(List<CallbackObserver> observers) {
    if (observers.isEmpty()) {
      return CallbackObserver.NONE;
    }
    return observers.size() == 1 ? observers.get(0) : new CompositeCallbackObserver(observers);
  }

  @Override
  public void onOutcome(CallbackOutcome outcome) {
    tellEach(CallbackObserver::onOutcome, outcome);
  }

  @Override
  public void onSignatureChecked(WebhookSignatureResult result) {
    tellEach(CallbackObserver::onSignatureChecked, result);
  }

  @Override
  public void onSignatureValid(WebhookVerification verification) {
    tellEach(CallbackObserver::onSignatureValid, verification);
  }

  /**
   * Tells each observer {@code event} with {@code argument}. The events are unbound method references,
   * which capture nothing, so a request allocates nothing here.
   */
  private <T> void tellEach(BiConsumer<CallbackObserver, T> event, T argument) {
    RuntimeException failure = null;
    for (CallbackObserver observer : observers) {
      try {
        event.accept(observer, argument);
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    if (failure != null) {
      throw failure; // the check logs it, rate-limited, and answers regardless
    }
  }

  private static RuntimeException add(@Nullable RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
