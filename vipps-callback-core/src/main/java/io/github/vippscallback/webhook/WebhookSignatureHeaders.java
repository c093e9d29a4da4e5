package io.github.vippscallback.webhook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The headers of a signed webhook request, as {@link WebhookSigner} makes them. Send all four; most
 * HTTP clients set {@code Host} themselves from the URL they send to, which is right when that is the
 * URL that was signed. Holds the signature: do not log it.
 *
 * @param host the {@code Host} the signature covers, e.g. {@code shop.example.com}
 * @param date {@code x-ms-date}, e.g. {@code Thu, 30 Mar 2023 08:38:32 GMT}
 * @param contentSha256 {@code x-ms-content-sha256}: base64(SHA-256(body))
 * @param authorization {@code Authorization}: {@code HMAC-SHA256
 *     SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=...}
 */
public record WebhookSignatureHeaders(
    String host, String date, String contentSha256, String authorization) {

  /**
   * Checks that no part is null.
   *
   * @param host the {@code Host} the signature covers, e.g. {@code shop.example.com}
   * @param date {@code x-ms-date}, e.g. {@code Thu, 30 Mar 2023 08:38:32 GMT}
   * @param contentSha256 {@code x-ms-content-sha256}: base64(SHA-256(body))
   * @param authorization {@code Authorization}: {@code HMAC-SHA256
   *     SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=...}
   */
  public WebhookSignatureHeaders {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(contentSha256, "contentSha256");
    Objects.requireNonNull(authorization, "authorization");
  }

  /**
   * The three headers an HTTP client must add, by name, in order: {@code x-ms-date}, {@code
   * x-ms-content-sha256}, {@code Authorization}. {@code Host} is left out: clients set it from the URL.
   *
   * @return the headers by name, in the order listed
   */
  public Map<String, String> asMap() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(WebhookSignatureVerifier.DATE_HEADER, date);
    headers.put(WebhookSignatureVerifier.CONTENT_SHA256_HEADER, contentSha256);
    headers.put(WebhookSignatureVerifier.AUTHORIZATION_HEADER, authorization);
    return Collections.unmodifiableMap(headers);
  }

  /** Leaves the signature out, so that logging this value cannot leak it. */
  @Override
  public String toString() {
    return "WebhookSignatureHeaders{host=" + host + ", date=" + date + ", contentSha256=" + contentSha256 + "}";
  }
}
