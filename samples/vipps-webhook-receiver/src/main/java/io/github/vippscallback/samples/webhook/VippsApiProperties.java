package io.github.vippscallback.samples.webhook;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the Vipps API to register the webhook ({@code vipps.api.*}). Registration happens only
 * when the credentials and {@code webhook-url} are all set; take them from the environment (e.g.
 * {@code VIPPS_API_CLIENT_SECRET}), never from a file in version control.
 *
 * @param baseUrl the API server; default: that of {@code vipps.callback.environment}
 *     ({@code https://apitest.vipps.no} for test)
 * @param clientId {@code client_id} from the merchant portal
 * @param clientSecret {@code client_secret} from the merchant portal; never logged
 * @param subscriptionKey {@code Ocp-Apim-Subscription-Key} from the merchant portal; never logged
 * @param merchantSerialNumber the MSN of the sales unit
 * @param webhookUrl the public HTTPS URL Vipps posts events to, ending in
 *     {@value EpaymentWebhookController#PATH}
 * @param events the event types to register for; default: every ePayment event
 */
@ConfigurationProperties("vipps.api")
public record VippsApiProperties(
    @Nullable URI baseUrl,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable String subscriptionKey,
    @Nullable String merchantSerialNumber,
    @Nullable URI webhookUrl,
    @DefaultValue({
        "epayments.payment.created.v1", "epayments.payment.aborted.v1", "epayments.payment.expired.v1",
        "epayments.payment.cancelled.v1", "epayments.payment.captured.v1", "epayments.payment.refunded.v1",
        "epayments.payment.authorized.v1", "epayments.payment.terminated.v1"})
    List<String> events) {

  /** Copies the event list. */
  public VippsApiProperties {
    events = List.copyOf(events);
  }

  /** The properties registration needs that are not set; empty when registration can go ahead. */
  List<String> missingForRegistration() {
    List<String> missing = new ArrayList<>();
    addIfBlank(missing, "vipps.api.client-id", clientId);
    addIfBlank(missing, "vipps.api.client-secret", clientSecret);
    addIfBlank(missing, "vipps.api.subscription-key", subscriptionKey);
    addIfBlank(missing, "vipps.api.merchant-serial-number", merchantSerialNumber);
    addIfBlank(missing, "vipps.api.webhook-url", webhookUrl == null ? null : webhookUrl.toString());
    if (events.isEmpty()) {
      missing.add("vipps.api.events");
    }
    return List.copyOf(missing);
  }

  private static void addIfBlank(List<String> missing, String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      missing.add(name);
    }
  }

  /** Leaves the secrets out, so that logging these properties never leaks them. */
  @Override
  public String toString() {
    return "VippsApiProperties[baseUrl=" + baseUrl + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret == null ? "null" : "(set)")
        + ", subscriptionKey=" + (subscriptionKey == null ? "null" : "(set)")
        + ", merchantSerialNumber=" + merchantSerialNumber + ", webhookUrl=" + webhookUrl
        + ", events=" + events + "]";
  }
}
