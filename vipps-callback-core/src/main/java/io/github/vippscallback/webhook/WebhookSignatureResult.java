package io.github.vippscallback.webhook;

/**
 * What {@link WebhookSignatureVerifier} found: {@link #VALID}, or why the request is not signed by
 * Vipps. Safe to log: it never holds the secret, the received signature or the expected one.
 */
public enum WebhookSignatureResult {
  /** The signature, content hash and date are right. */
  VALID("valid signature"),
  /** No {@code x-ms-date} header. */
  MISSING_DATE("no x-ms-date header"),
  /** No {@code x-ms-content-sha256} header. */
  MISSING_CONTENT_HASH("no x-ms-content-sha256 header"),
  /** No {@code Authorization} header. */
  MISSING_AUTHORIZATION("no Authorization header"),
  /** {@code x-ms-date} is not an RFC 1123 date in GMT, such as {@code Thu, 30 Mar 2023 08:38:32 GMT}. */
  MALFORMED_DATE("x-ms-date is not an RFC 1123 GMT date"),
  /**
   * {@code Authorization} is not exactly {@code HMAC-SHA256
   * SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=} followed by a base64 SHA-256 HMAC.
   */
  MALFORMED_AUTHORIZATION("Authorization is not HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=..."),
  /** The request's host, path or query cannot be part of a signed URL (hostile characters). */
  MALFORMED_URL("the request's host, path or query cannot have been signed"),
  /** {@code x-ms-date} is further from the clock than the allowed window: a replay or a skewed clock. */
  DATE_OUTSIDE_WINDOW("x-ms-date is outside the allowed window"),
  /** {@code x-ms-content-sha256} is not the base64 SHA-256 of the body received: the body was changed. */
  CONTENT_HASH_MISMATCH("x-ms-content-sha256 does not match the body received"),
  /**
   * The signature does not match: a wrong secret, or a changed method, host, path, query, date or
   * content hash.
   */
  BAD_SIGNATURE("the signature does not match");

  private final String description;

  WebhookSignatureResult(String description) {
    this.description = description;
  }

  /**
   * Whether the request is signed by the holder of the secret.
   *
   * @return {@code true} only for {@link #VALID}
   */
  public boolean isValid() {
    return this == VALID;
  }

  /**
   * A short explanation for a log line, e.g. {@code "no x-ms-date header"}.
   *
   * @return the explanation, never containing a secret or a signature
   */
  public String description() {
    return description;
  }
}
