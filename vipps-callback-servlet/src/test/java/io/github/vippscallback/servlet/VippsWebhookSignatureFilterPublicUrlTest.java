package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a proxy: the filter checks the URL registered with Vipps, not the one the application sees. */
class VippsWebhookSignatureFilterPublicUrlTest {

  private static final String SECRET = "public-url-secret";
  private static final byte[] BODY = "{\"name\":\"CAPTURED\"}".getBytes(StandardCharsets.UTF_8);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<byte[]> post(WebhookSignatureTomcat tomcat, String pathAndQuery, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tomcat.url(pathAndQuery))).POST(HttpRequest.BodyPublishers.ofByteArray(BODY));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void passesRequestSignedForPublicUrlWhenConfiguredByInitParametersOnly() throws Exception {
    try (WebhookSignatureTomcat tomcat =
        WebhookSignatureTomcat.startWithInitParameters(
            Map.of(
                VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, SECRET,
                VippsWebhookSignatureFilter.PARAM_PUBLIC_URL, "https://shop.example.com/prefix",
                VippsWebhookSignatureFilter.PARAM_MAX_BODY_SIZE, "1KB",
                VippsWebhookSignatureFilter.PARAM_DATE_WINDOW, "2m"))) {
      Map<String, String> registered =
          WebhookSigner.of(SECRET).sign("https://shop.example.com/prefix/vipps/webhook?order=42", BODY).asMap();
      Map<String, String> asSeenByApp =
          WebhookSigner.of(SECRET).sign(tomcat.url("/vipps/webhook?order=42"), BODY).asMap();

      HttpResponse<byte[]> passed = post(tomcat, "/vipps/webhook?order=42", registered);
      HttpResponse<byte[]> refused = post(tomcat, "/vipps/webhook?order=42", asSeenByApp);

      assertThat(passed.statusCode()).isEqualTo(200);
      assertThat(passed.body()).isEqualTo(BODY);
      assertThat(refused.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void refusesRequestSignedForOtherPublicHost() throws Exception {
    try (WebhookSignatureTomcat tomcat =
        WebhookSignatureTomcat.startWithInitParameters(
            Map.of(
                VippsWebhookSignatureFilter.PARAM_WEBHOOK_SECRET, SECRET,
                VippsWebhookSignatureFilter.PARAM_PUBLIC_URL, "https://shop.example.com"))) {
      Map<String, String> otherHost =
          WebhookSigner.of(SECRET).sign("https://evil.example.com/vipps/webhook", BODY).asMap();

      assertThat(post(tomcat, "/vipps/webhook", otherHost).statusCode()).isEqualTo(401);
      assertThat(tomcat.servletCalls()).isZero();
    }
  }
}
