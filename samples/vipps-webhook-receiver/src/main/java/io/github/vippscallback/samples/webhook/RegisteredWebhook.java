package io.github.vippscallback.samples.webhook;

/**
 * A webhook registered with the Vipps Webhooks API. The secret signs each event Vipps sends to it,
 * for verifying that the event is genuine; it is never logged.
 *
 * @param id the webhook's id at Vipps, for deleting it later
 * @param secret the signing secret
 */
public record RegisteredWebhook(String id, String secret) {

  /** Leaves the secret out. */
  @Override
  public String toString() {
    return "RegisteredWebhook[id=" + id + ", secret=(hidden)]";
  }
}
