package io.github.vippscallback.samples.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The events received, newest last, at most {@link #CAPACITY}. Vipps may deliver an event more than
 * once; an event with the same reference, pspReference and name as one already received is recognised
 * as a repeat. A real application would store events durably and act on them (ship the order, ...).
 */
@Component
public class ReceivedEvents {

  /** How many events are remembered. */
  static final int CAPACITY = 1000;

  private final Map<String, EpaymentWebhookEvent> events = new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, EpaymentWebhookEvent> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * Remembers {@code event}.
   *
   * @return whether it is new, rather than a repeated delivery
   */
  public synchronized boolean record(EpaymentWebhookEvent event) {
    return events.putIfAbsent(event.reference() + " " + event.pspReference() + " " + event.name(), event) == null;
  }

  /** The events received, oldest first. */
  public synchronized List<EpaymentWebhookEvent> all() {
    return List.copyOf(new ArrayList<>(events.values()));
  }
}
