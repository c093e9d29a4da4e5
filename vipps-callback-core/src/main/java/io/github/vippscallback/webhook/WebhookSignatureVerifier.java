package io.github.vippscallback.webhook;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a webhook request was signed by Vipps with the secret it returned when the webhook was
 * registered (Webhooks API, "request authentication"):
 *
 * <ol>
 *   <li>{@code x-ms-content-sha256} must be base64(SHA-256(body)) of the body actually received;
 *   <li>{@code x-ms-date} must be an RFC 1123 GMT date within {@linkplain Builder#dateWindow the
 *       window} (default {@link #DEFAULT_DATE_WINDOW}, either side) of the clock;
 *   <li>{@code Authorization} must be exactly {@code HMAC-SHA256
 *       SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<sig>}, where {@code sig} is
 *       base64(HMAC-SHA256(key = UTF-8 bytes of the secret as text, signed text)) and the signed text
 *       is {@code METHOD\n<pathAndQuery>\n<x-ms-date>;<host>;<x-ms-content-sha256>} with the path,
 *       query and host of the URL registered with Vipps (see {@link WebhookTarget}).
 * </ol>
 *
 * <p>Comparisons of hash and signature are constant-time. The result says why a request failed and is
 * safe to log; the verifier never reveals the secret, and its {@code toString} does not either.
 * Immutable and thread-safe: build one per secret and share it.
 *
 * <pre>{@code
 * WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(secret).build();
 * WebhookTarget target = WebhookTarget.parse("https://shop.example.com")
 *     .withRequestPath(request.getRequestURI(), request.getQueryString());
 * WebhookSignatureResult result = verifier.verify(request.getMethod(), target,
 *     request.getHeader("x-ms-date"), request.getHeader("x-ms-content-sha256"),
 *     request.getHeader("Authorization"), body);
 * }</pre>
 */
public final class WebhookSignatureVerifier {

  /** The header with the request's date, e.g. {@code Thu, 30 Mar 2023 08:38:32 GMT}. */
  public static final String DATE_HEADER = "x-ms-date";
  /** The header with base64(SHA-256(body)). */
  public static final String CONTENT_SHA256_HEADER = "x-ms-content-sha256";
  /** The header with the signature. */
  public static final String AUTHORIZATION_HEADER = "Authorization";
  /** How far {@code x-ms-date} may be from the clock, either side, by default: 5 minutes. */
  public static final Duration DEFAULT_DATE_WINDOW = Duration.ofMinutes(5);
  /** The widest date window allowed: 1 hour. */
  public static final Duration MAX_DATE_WINDOW = Duration.ofHours(1);

  /** Longer than any valid header: refuse to parse more (hostile input). */
  private static final int MAX_HEADER_LENGTH = 256;

  private final SecretKeySpec key;
  private final Duration dateWindow;
  private final Clock clock;

  private WebhookSignatureVerifier(Builder builder) {
    this.key = builder.key;
    this.dateWindow = builder.dateWindow;
    this.clock = builder.clock;
  }

  /**
   * Starts configuring a verifier for one webhook secret.
   *
   * @param secret the {@code secret} Vipps returned when the webhook was registered, used as text
   * @throws IllegalArgumentException when the secret is blank (the message does not echo it)
   */
  public static Builder builder(String secret) {
    return new Builder(WebhookHmac.key(secret));
  }

  /** A verifier for one webhook secret with the default window and the system clock. */
  public static WebhookSignatureVerifier of(String secret) {
    return builder(secret).build();
  }

  /** How far {@code x-ms-date} may be from the clock, either side. */
  public Duration dateWindow() {
    return dateWindow;
  }

  /**
   * Checks one request.
   *
   * @param method the request's method, e.g. {@code POST} (Vipps always posts; any other method fails
   *     as {@link WebhookSignatureResult#BAD_SIGNATURE})
   * @param target the host, path and query of the URL registered with Vipps for this request
   * @param date the {@code x-ms-date} header, or {@code null} when absent
   * @param contentSha256 the {@code x-ms-content-sha256} header, or {@code null} when absent
   * @param authorization the {@code Authorization} header, or {@code null} when absent
   * @param body the raw request body exactly as received
   * @return {@link WebhookSignatureResult#VALID}, or the first reason the request fails
   */
  public WebhookSignatureResult verify(
      String method,
      WebhookTarget target,
      @Nullable String date,
      @Nullable String contentSha256,
      @Nullable String authorization,
      byte[] body) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
    WebhookSignatureResult headers = checkHeaders(date, contentSha256, authorization);
    if (!headers.isValid() || date == null || contentSha256 == null || authorization == null) {
      return headers;
    }
    String receivedSignature = authorization.substring(WebhookHmac.AUTHORIZATION_PREFIX.length());
    if (contentSha256.length() > MAX_HEADER_LENGTH
        || !WebhookHmac.constantTimeEquals(WebhookHmac.contentSha256(body), contentSha256)) {
      return WebhookSignatureResult.CONTENT_HASH_MISMATCH;
    }
    String expectedSignature =
        WebhookHmac.signature(key, WebhookHmac.signedText(method, target, date, contentSha256));
    return WebhookHmac.constantTimeEquals(expectedSignature, receivedSignature)
        ? WebhookSignatureResult.VALID
        : WebhookSignatureResult.BAD_SIGNATURE;
  }

  /**
   * The checks that need no body: the three headers are present, {@code Authorization} is well-formed,
   * and {@code x-ms-date} is a date within the window. A filter can call this before it reads the body,
   * so that unsigned requests cost no body reading; {@link #verify} repeats it.
   *
   * @return {@link WebhookSignatureResult#VALID} when the headers may carry a valid signature (which
   *     only {@link #verify} can tell), or the first reason they cannot
   */
  public WebhookSignatureResult checkHeaders(
      @Nullable String date, @Nullable String contentSha256, @Nullable String authorization) {
    if (authorization == null) {
      return WebhookSignatureResult.MISSING_AUTHORIZATION;
    }
    if (date == null) {
      return WebhookSignatureResult.MISSING_DATE;
    }
    if (contentSha256 == null) {
      return WebhookSignatureResult.MISSING_CONTENT_HASH;
    }
    if (signatureIn(authorization) == null) {
      return WebhookSignatureResult.MALFORMED_AUTHORIZATION;
    }
    Instant signedAt = parseDate(date);
    if (signedAt == null) {
      return WebhookSignatureResult.MALFORMED_DATE;
    }
    Duration skew = Duration.between(clock.instant(), signedAt).abs();
    return skew.compareTo(dateWindow) > 0
        ? WebhookSignatureResult.DATE_OUTSIDE_WINDOW
        : WebhookSignatureResult.VALID;
  }

  /**
   * The signature in a well-formed {@code Authorization} header, or {@code null}: exactly the prefix
   * (scheme case-insensitive) followed by 44 base64 characters ending in {@code =} (32 bytes).
   */
  private static @Nullable String signatureIn(String authorization) {
    String prefix = WebhookHmac.AUTHORIZATION_PREFIX;
    int schemeLength = "HMAC-SHA256".length();
    if (authorization.length() != prefix.length() + 44
        || !authorization.regionMatches(true, 0, prefix, 0, schemeLength)
        || !authorization.regionMatches(false, schemeLength, prefix, schemeLength, prefix.length() - schemeLength)) {
      return null;
    }
    String signature = authorization.substring(prefix.length());
    for (int i = 0; i < 43; i++) {
      char c = signature.charAt(i);
      boolean base64 =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
      if (!base64) {
        return null;
      }
    }
    return signature.charAt(43) == '=' ? signature : null;
  }

  private static @Nullable Instant parseDate(String date) {
    if (date.length() > MAX_HEADER_LENGTH) {
      return null;
    }
    try {
      return Instant.from(WebhookHmac.HTTP_DATE.parse(date));
    } catch (DateTimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "WebhookSignatureVerifier{dateWindow=" + dateWindow + ", clock=" + clock + "}";
  }

  /** Configures a {@link WebhookSignatureVerifier}. */
  public static final class Builder {

    private final SecretKeySpec key;
    private Duration dateWindow = DEFAULT_DATE_WINDOW;
    private Clock clock = Clock.systemUTC();

    private Builder(SecretKeySpec key) {
      this.key = key;
    }

    /**
     * How far {@code x-ms-date} may be from the clock, either side; default {@link
     * #DEFAULT_DATE_WINDOW}.
     *
     * @throws IllegalArgumentException unless between 1 second and {@link #MAX_DATE_WINDOW}
     */
    public Builder dateWindow(Duration dateWindow) {
      Objects.requireNonNull(dateWindow, "dateWindow");
      if (dateWindow.compareTo(Duration.ofSeconds(1)) < 0 || dateWindow.compareTo(MAX_DATE_WINDOW) > 0) {
        throw new IllegalArgumentException(
            "dateWindow must be between PT1S and " + MAX_DATE_WINDOW + ", but was " + dateWindow);
      }
      this.dateWindow = dateWindow;
      return this;
    }

    /** The clock {@code x-ms-date} is compared with; default the system clock. For tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the verifier. */
    public WebhookSignatureVerifier build() {
      return new WebhookSignatureVerifier(this);
    }
  }
}
