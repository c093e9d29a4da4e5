package io.github.vippscallback.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request the way Vipps does, so that a merchant's own tests can send a request
 * "from Vipps" with any HTTP client and see it pass {@link WebhookSignatureVerifier}:
 *
 * <pre>{@code
 * WebhookSignatureHeaders headers = WebhookSigner.of(secret)
 *     .sign("https://shop.example.com/vipps/webhook", body);
 * HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://shop.example.com/vipps/webhook"))
 *     .POST(HttpRequest.BodyPublishers.ofByteArray(body));
 * headers.asMap().forEach(request::header);
 * }</pre>
 *
 * <p>Immutable and thread-safe; never reveals the secret.
 */
public final class WebhookSigner {

  private final SecretKeySpec key;
  private final Clock clock;

  private WebhookSigner(SecretKeySpec key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /**
   * A signer for one webhook secret that dates requests by the system clock.
   *
   * @param secret the webhook's secret, as Vipps returned it
   * @return the signer
   * @throws IllegalArgumentException when the secret is blank (the message does not echo it)
   */
  public static WebhookSigner of(String secret) {
    return new WebhookSigner(WebhookHmac.key(secret), Clock.systemUTC());
  }

  /**
   * A signer like this one that dates requests by {@code clock}.
   *
   * @param clock the clock that dates requests
   * @return a new signer with the same secret
   */
  public WebhookSigner withClock(Clock clock) {
    return new WebhookSigner(key, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Signs a {@code POST} of {@code body} to {@code url}, dated now.
   *
   * @param url the absolute URL as registered with Vipps, e.g. {@code https://shop.example.com/vipps/webhook}
   * @param body the request body
   * @return the headers to send
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  public WebhookSignatureHeaders sign(String url, byte[] body) {
    return sign(WebhookTarget.parse(url), body, clock.instant());
  }

  /**
   * Signs a {@code POST} of {@code body} to {@code target}, dated {@code date} (truncated to seconds,
   * as {@code x-ms-date} carries no fraction).
   *
   * @param target the URL as Vipps signs it
   * @param body the request body
   * @param date the request's date
   * @return the headers to send
   */
  public WebhookSignatureHeaders sign(WebhookTarget target, byte[] body, Instant date) {
    return sign("POST", target, body, date);
  }

  /**
   * Signs a request with another method than {@code POST}; Vipps only posts, so this is for tests that
   * check a changed method is refused.
   *
   * @param method the request method
   * @param target the URL as Vipps signs it
   * @param body the request body
   * @param date the request's date
   * @return the headers to send
   */
  public WebhookSignatureHeaders sign(String method, WebhookTarget target, byte[] body, Instant date) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(date, "date");
    String httpDate = WebhookHmac.HTTP_DATE.format(date);
    String contentSha256 = WebhookHmac.contentSha256(body);
    String signature =
        WebhookHmac.signature(key, WebhookHmac.signedText(method, target, httpDate, contentSha256));
    return new WebhookSignatureHeaders(
        target.host(), httpDate, contentSha256, WebhookHmac.AUTHORIZATION_PREFIX + signature);
  }

  @Override
  public String toString() {
    return "WebhookSigner{clock=" + clock + "}";
  }
}
