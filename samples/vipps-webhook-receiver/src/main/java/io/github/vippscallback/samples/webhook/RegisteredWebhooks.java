package io.github.vippscallback.samples.webhook;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** Holds the webhook this application registered on start-up, if it did. */
@Component
public class RegisteredWebhooks {

  private final AtomicReference<RegisteredWebhook> current = new AtomicReference<>();

  /** The webhook registered on start-up, or empty when registration was skipped or failed. */
  public Optional<RegisteredWebhook> current() {
    return Optional.ofNullable(current.get());
  }

  void set(RegisteredWebhook webhook) {
    current.set(webhook);
  }
}
