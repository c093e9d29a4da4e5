package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.webhook.WebhookVerification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts guarded requests as {@value #REQUESTS}, tagged {@code outcome} = {@code allowed}, {@code denied},
 * {@code peer_address_unreadable} (the server handed over a peer address that is not an IP literal) or
 * {@code unavailable} (the address check, once per request), and {@code signature_invalid} or {@code
 * body_too_large} (a webhook the signature check refused, after the address check counted it). The
 * counters are registered up front, so counting a request is one increment: no look-up, no allocation.
 *
 * <p>Each webhook with a valid signature is also counted as {@value #SIGNATURES}, tagged {@code secret}
 * (the matched secret's label, else its position such as {@code #2}) and {@code secrets} (where the
 * endpoint's secrets are configured, e.g. {@code vipps.callback.webhook.secret}): while a secret is
 * rotated, the old secret's count stops rising once Vipps no longer uses the old registration. Such a
 * counter is registered at its first use (one per configured secret), then found by a map read.
 */
public final class MicrometerCallbackObserver implements CallbackObserver {

  /** The counter's name. */
  public static final String REQUESTS = "vipps.callback.requests";
  /** The counter of valid webhook signatures by the secret that matched. */
  public static final String SIGNATURES = "vipps.callback.webhook.signatures";

  private final Counter allowed;
  private final Counter denied;
  private final Counter peerAddressUnreadable;
  private final Counter unavailable;
  private final Counter signatureInvalid;
  private final Counter bodyTooLarge;
  private final MeterRegistry registry;
  private final Map<WebhookVerification, Counter> bySecret = new ConcurrentHashMap<>();

  /**
   * Registers the counters in {@code registry}.
   *
   * @param registry the registry the counters are registered in
   */
  public MicrometerCallbackObserver(MeterRegistry registry) {
    this.registry = registry;
    this.allowed = counter(registry, "allowed", "From a Vipps request server: passed on");
    this.denied = counter(registry, "denied", "Not from a Vipps request server: answered 403");
    this.peerAddressUnreadable = counter(registry, "peer_address_unreadable",
        "The server handed over a peer address that is not an IP literal: answered 403");
    this.unavailable = counter(registry, "unavailable", "No Vipps address known yet: answered 503");
    this.signatureInvalid = counter(registry, "signature_invalid",
        "A webhook without a valid Vipps signature: answered 401");
    this.bodyTooLarge = counter(registry, "body_too_large", "A webhook body over the limit: answered 413");
  }

  private static Counter counter(MeterRegistry registry, String outcome, String description) {
    return Counter.builder(REQUESTS)
        .tag("outcome", outcome)
        .description("Requests to Vipps callback endpoints. " + description)
        .baseUnit("requests")
        .register(registry);
  }

  @Override
  public void onSignatureValid(WebhookVerification verification) {
    Counter counter = bySecret.get(verification);
    if (counter == null) {
      counter = bySecret.computeIfAbsent(verification, valid -> Counter.builder(SIGNATURES)
          .tag("secrets", valid.secretsName())
          .tag("secret", valid.secretTag())
          .description("Webhooks with a valid Vipps signature, by the secret that matched (never the secret)")
          .baseUnit("requests")
          .register(registry));
    }
    counter.increment();
  }

  @Override
  public void onOutcome(CallbackOutcome outcome) {
    switch (outcome) {
      case ALLOWED -> allowed.increment();
      case DENIED -> denied.increment();
      case PEER_ADDRESS_UNREADABLE -> peerAddressUnreadable.increment();
      case UNAVAILABLE -> unavailable.increment();
      case SIGNATURE_INVALID -> signatureInvalid.increment();
      case BODY_TOO_LARGE -> bodyTooLarge.increment();
    }
  }
}
