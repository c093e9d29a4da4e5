package io.github.vippscallback.samples.webhook;

import io.github.vippscallback.allowlist.VippsEnvironment;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * On start-up, once the web server listens, registers the webhook with the Vipps Webhooks API when
 * {@code vipps.api.*} is configured: an access token first, then the registration, whose id and
 * secret are kept in {@link RegisteredWebhooks}. Without credentials it says so and skips it; when
 * Vipps refuses, it logs why and the application keeps running (events already registered elsewhere
 * are still received).
 */
@Component
class WebhookRegistrar implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(WebhookRegistrar.class);

  private final VippsApiProperties properties;
  private final VippsEnvironment environment;
  private final RestClient.Builder restClientBuilder;
  private final RegisteredWebhooks registeredWebhooks;

  WebhookRegistrar(
      VippsApiProperties properties,
      @Value("${vipps.callback.environment}") String environment,
      RestClient.Builder restClientBuilder,
      RegisteredWebhooks registeredWebhooks) {
    this.properties = properties;
    this.environment = VippsEnvironment.parse(environment);
    this.restClientBuilder = restClientBuilder;
    this.registeredWebhooks = registeredWebhooks;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<String> missing = properties.missingForRegistration();
    if (!missing.isEmpty()) {
      log.info("Skipping webhook registration with the Vipps Webhooks API: {} not set."
          + " Events are still accepted at {}, from the {} request servers only.",
          String.join(", ", missing), EpaymentWebhookController.PATH, environment.id());
      return;
    }
    URI apiBaseUrl = apiBaseUrl();
    URI webhookUrl = Objects.requireNonNull(properties.webhookUrl());
    VippsApiClient client = new VippsApiClient(restClientBuilder.clone(), apiBaseUrl,
        required(properties.clientId()), required(properties.clientSecret()),
        required(properties.subscriptionKey()), required(properties.merchantSerialNumber()));
    try {
      String accessToken = client.fetchAccessToken();
      RegisteredWebhook webhook = client.registerWebhook(accessToken, webhookUrl, properties.events());
      registeredWebhooks.set(webhook);
      log.info("Registered webhook {} at {} for {} with {}", webhook.id(), apiBaseUrl, webhookUrl,
          properties.events());
    } catch (RestClientResponseException e) {
      log.error("Webhook registration at {} failed: HTTP {}. Check vipps.api.client-id, client-secret,"
          + " subscription-key and merchant-serial-number for the {} environment.",
          apiBaseUrl, e.getStatusCode().value(), environment.id());
    } catch (RestClientException e) {
      log.error("Webhook registration at {} failed: {}", apiBaseUrl, e.getMessage());
    }
  }

  private URI apiBaseUrl() {
    @Nullable URI configured = properties.baseUrl();
    return configured != null ? configured : environment.apiBaseUrl();
  }

  private static String required(@Nullable String value) {
    return Objects.requireNonNull(value);
  }
}
