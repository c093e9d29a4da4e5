package io.github.vippscallback.spring;

import io.github.vippscallback.servlet.CallbackObserver;
import io.github.vippscallback.webhook.WebhookVerification;
import io.github.vippscallback.servlet.CallbackOutcome;
import io.github.vippscallback.webhook.WebhookSignatureResult;
import java.util.List;
import java.util.function.Consumer;
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
    tellEach(observer -> observer.onOutcome(outcome));
  }

  @Override
  public void onSignatureChecked(WebhookSignatureResult result) {
    tellEach(observer -> observer.onSignatureChecked(result));
  }

  @Override
  public void onSignatureValid(WebhookVerification verification) {
    tellEach(observer -> observer.onSignatureValid(verification));
  }

  private void tellEach(Consumer<CallbackObserver> event) {
    RuntimeException failure = null;
    for (CallbackObserver observer : observers) {
      try {
        event.accept(observer);
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
