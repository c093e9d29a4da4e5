package io.github.vippscallback.samples.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The two calls to the Vipps API this sample makes: an access token from the Access Token API, and a
 * webhook registration with the Webhooks API.
 */
final class VippsApiClient {

  static final String ACCESS_TOKEN_PATH = "/accesstoken/get";
  static final String WEBHOOKS_PATH = "/webhooks/v1/webhooks";
  static final String SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key";
  static final String MERCHANT_SERIAL_NUMBER_HEADER = "Merchant-Serial-Number";

  private final RestClient restClient;
  private final String clientId;
  private final String clientSecret;
  private final String subscriptionKey;
  private final String merchantSerialNumber;

  VippsApiClient(RestClient.Builder builder, URI baseUrl, String clientId, String clientSecret,
      String subscriptionKey, String merchantSerialNumber) {
    this.restClient = builder.baseUrl(baseUrl.toString()).build();
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.subscriptionKey = subscriptionKey;
    this.merchantSerialNumber = merchantSerialNumber;
  }

  /** {@code POST /accesstoken/get}: a bearer token for the other calls. */
  String fetchAccessToken() {
    AccessTokenResponse response = restClient.post()
        .uri(ACCESS_TOKEN_PATH)
        .headers(this::vippsHeaders)
        .header("client_id", clientId)
        .header("client_secret", clientSecret)
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .body(AccessTokenResponse.class);
    String token = response == null ? null : response.accessToken();
    if (token == null || token.isBlank()) {
      throw new RestClientException("the access token response has no access_token");
    }
    return token;
  }

  /** {@code POST /webhooks/v1/webhooks}: registers {@code url} for {@code events}. */
  RegisteredWebhook registerWebhook(String accessToken, URI url, List<String> events) {
    RegisterWebhookResponse response = restClient.post()
        .uri(WEBHOOKS_PATH)
        .headers(this::vippsHeaders)
        .headers(headers -> headers.setBearerAuth(accessToken))
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .body(new RegisterWebhookRequest(url, events))
        .retrieve()
        .body(RegisterWebhookResponse.class);
    if (response == null || response.id() == null || response.secret() == null) {
      throw new RestClientException("the webhook registration response has no id or secret");
    }
    return new RegisteredWebhook(response.id(), response.secret());
  }

  /** The headers every Vipps API call carries: the subscription key, the MSN and who is calling. */
  private void vippsHeaders(HttpHeaders headers) {
    headers.set(SUBSCRIPTION_KEY_HEADER, subscriptionKey);
    headers.set(MERCHANT_SERIAL_NUMBER_HEADER, merchantSerialNumber);
    headers.set("Vipps-System-Name", "vipps-callback");
    headers.set("Vipps-System-Version", "0.1.0");
    headers.set("Vipps-System-Plugin-Name", "vipps-webhook-receiver");
    headers.set("Vipps-System-Plugin-Version", "0.1.0");
  }

  record AccessTokenResponse(
      @JsonProperty("access_token") @Nullable String accessToken,
      @JsonProperty("token_type") @Nullable String tokenType) {

    @Override
    public String toString() {
      return "AccessTokenResponse[tokenType=" + tokenType + ", accessToken=(hidden)]";
    }
  }

  record RegisterWebhookRequest(URI url, List<String> events) {}

  record RegisterWebhookResponse(@Nullable String id, @Nullable String secret) {

    @Override
    public String toString() {
      return "RegisterWebhookResponse[id=" + id + ", secret=(hidden)]";
    }
  }
}
