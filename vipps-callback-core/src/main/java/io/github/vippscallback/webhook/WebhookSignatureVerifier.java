package io.github.vippscallback.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
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
 * <p>A verifier may hold several secrets ({@link #builder(List)}): an endpoint that several webhook
 * registrations call, as while a secret is rotated, accepts a request signed with any one of them, and
 * {@link #check} says which matched. The body's SHA-256 and the signed text are computed once; each
 * secret then costs one HMAC. Every secret's HMAC is computed and compared, and the comparisons are
 * combined without an early exit, so the time taken does not tell which secret matched, nor whether one
 * did.
 *
 * <p>Comparisons of hash and signature are constant-time. The result says why a request failed and is
 * safe to log; the verifier never reveals a secret, and its {@code toString} does not either.
 * Immutable and thread-safe: build one per endpoint (or set of secrets) and share it.
 *
 * <pre>{@code
 * WebhookSignatureVerifier verifier =
 *     WebhookSignatureVerifier.builder(WebhookSecret.parseList("old:" + oldSecret + ",new:" + newSecret))
 *         .build();
 * WebhookTarget target = WebhookTarget.parse("https://shop.example.com")
 *     .withRequestPath(request.getRequestURI(), request.getQueryString());
 * WebhookVerification verification = verifier.check(request.getMethod(), target,
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

  /** The most secrets one verifier holds: 64 (Vipps allows 25 registrations per event and sales unit). */
  public static final int MAX_SECRETS = 64;
  /** The name of a verifier's secrets unless {@link Builder#name} sets one. */
  public static final String DEFAULT_NAME = "the webhook secrets";

  /** Longer than any valid header: refuse to parse more (hostile input). */
  private static final int MAX_HEADER_LENGTH = 256;
  /** The length of an HMAC-SHA256 and of a SHA-256: 32 bytes. */
  private static final int DIGEST_LENGTH = 32;

  private final List<WebhookSecret> secrets;
  private final Mac[] macs;
  private final String name;
  private final Duration dateWindow;
  private final Clock clock;
  /** {@code valid[i]} is the outcome of a signature made with secret {@code i}. */
  private final WebhookVerification[] valid;
  private final Map<WebhookSignatureResult, WebhookVerification> failures;

  private WebhookSignatureVerifier(Builder builder) {
    this.secrets = builder.secrets;
    this.name = builder.name;
    this.dateWindow = builder.dateWindow;
    this.clock = builder.clock;
    int count = secrets.size();
    this.macs = new Mac[count];
    this.valid = new WebhookVerification[count];
    for (int i = 0; i < count; i++) {
      macs[i] = WebhookHmac.mac(secrets.get(i).key());
      valid[i] = new WebhookVerification(WebhookSignatureResult.VALID, secrets.get(i), i + 1, count, name);
    }
    Map<WebhookSignatureResult, WebhookVerification> failed = new EnumMap<>(WebhookSignatureResult.class);
    for (WebhookSignatureResult result : WebhookSignatureResult.values()) {
      if (!result.isValid()) {
        failed.put(result, new WebhookVerification(result, null, 0, count, name));
      }
    }
    this.failures = failed;
  }

  /**
   * Starts configuring a verifier for one webhook secret.
   *
   * @param secret the {@code secret} Vipps returned when the webhook was registered, used as text (no
   *     comma or colon is interpreted; see {@link WebhookSecret#parseList} for lists)
   * @return a builder with the defaults
   * @throws IllegalArgumentException when the secret is blank (the message does not echo it)
   */
  public static Builder builder(String secret) {
    return new Builder(List.of(WebhookSecret.of(secret)));
  }

  /**
   * Starts configuring a verifier that accepts a signature made with any one of {@code secrets}, e.g.
   * the secrets of the old and the new webhook registration while a secret is rotated.
   *
   * @param secrets 1 to {@value #MAX_SECRETS} distinct secrets, e.g. from {@link
   *     WebhookSecret#parseList}; their order gives their positions ({@code #1}, {@code #2}, ...)
   * @return a builder with the defaults
   * @throws IllegalArgumentException when there are none or too many, or two are the same secret or
   *     have the same label (the message does not echo a secret)
   */
  public static Builder builder(List<WebhookSecret> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
      throw new IllegalArgumentException(
          "A webhook verifier takes 1 to " + MAX_SECRETS + " secrets, but was given " + secrets.size());
    }
    List<WebhookSecret> copy = List.copyOf(secrets);
    WebhookSecret.checkDistinct(copy);
    return new Builder(copy);
  }

  /**
   * A verifier for one webhook secret with the default window and the system clock.
   *
   * @param secret the {@code secret} Vipps returned when the webhook was registered
   * @return the verifier
   */
  public static WebhookSignatureVerifier of(String secret) {
    return builder(secret).build();
  }

  /**
   * How far {@code x-ms-date} may be from the clock, either side.
   *
   * @return the allowed difference between {@code x-ms-date} and the clock
   */
  public Duration dateWindow() {
    return dateWindow;
  }

  /**
   * The secrets, in order; their {@code toString} shows labels only.
   *
   * @return the secrets, unmodifiable
   */
  public List<WebhookSecret> secrets() {
    return secrets;
  }

  /**
   * The name of this verifier's secrets in logs and metrics ({@link Builder#name}).
   *
   * @return the name of the secrets
   */
  public String name() {
    return name;
  }

  /**
   * Checks one request; as {@link #check} without saying which secret matched.
   *
   * @param method the request method, e.g. {@code POST}
   * @param target the URL the request was sent to, as Vipps signed it
   * @param date the {@code x-ms-date} header, or {@code null} when absent
   * @param contentSha256 the {@code x-ms-content-sha256} header, or {@code null} when absent
   * @param authorization the {@code Authorization} header, or {@code null} when absent
   * @param body the request body as received
   * @return {@link WebhookSignatureResult#VALID}, or the first reason the request fails
   */
  public WebhookSignatureResult verify(
      String method,
      WebhookTarget target,
      @Nullable String date,
      @Nullable String contentSha256,
      @Nullable String authorization,
      byte[] body) {
    return check(method, target, date, contentSha256, authorization, body).result();
  }

  /**
   * Checks one request and says which secret matched. Allocates no outcome: each is made when the
   * verifier is built.
   *
   * @param method the request's method, e.g. {@code POST} (Vipps always posts; any other method fails
   *     as {@link WebhookSignatureResult#BAD_SIGNATURE})
   * @param target the host, path and query of the URL registered with Vipps for this request
   * @param date the {@code x-ms-date} header, or {@code null} when absent
   * @param contentSha256 the {@code x-ms-content-sha256} header, or {@code null} when absent
   * @param authorization the {@code Authorization} header, or {@code null} when absent
   * @param body the raw request body exactly as received
   * @return valid with the secret that matched, or the first reason the request fails ({@link
   *     WebhookSignatureResult#BAD_SIGNATURE} when the signature matches none of the secrets)
   */
  public WebhookVerification check(
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
      return failure(headers);
    }
    if (contentSha256.length() > MAX_HEADER_LENGTH
        || !WebhookHmac.constantTimeEquals(WebhookHmac.contentSha256Base64(body), contentSha256)) {
      return failure(WebhookSignatureResult.CONTENT_HASH_MISMATCH);
    }
    byte[] received = WebhookHmac.decodeSignature(authorization, WebhookHmac.AUTHORIZATION_PREFIX.length());
    byte[] text = WebhookHmac.signedText(method, target, date, contentSha256).getBytes(StandardCharsets.UTF_8);
    // Every secret's HMAC, compared in full and combined without a branch on the outcome: the time
    // taken is the same whichever secret matches, or none.
    int matched = 0;
    for (int i = 0; i < macs.length; i++) {
      byte[] expected = WebhookHmac.hmac(macs[i], secrets.get(i).key(), text);
      int difference = received == null ? 1 : 0;
      for (int b = 0; b < DIGEST_LENGTH; b++) {
        difference |= expected[b] ^ (received == null ? 0 : received[b]);
      }
      int equal = ((difference & 0xff) - 1) >>> 31; // 1 when no bit differs, else 0
      int noneYet = (matched - 1) >>> 31; // 1 while no earlier secret matched
      // The first secret that matches: two different secrets can be the same HMAC key (one padded
      // with zero bytes, or one the SHA-256 of another longer than 64 bytes).
      matched |= -(equal & noneYet) & (i + 1);
    }
    return matched == 0 ? failure(WebhookSignatureResult.BAD_SIGNATURE) : valid[matched - 1];
  }

  /**
   * The outcome this verifier reports for a request that fails with {@code result}, for a caller that
   * refuses a request before {@link #check} (after {@link #checkHeaders}, or when the request's URL
   * cannot be reconstructed: {@link WebhookSignatureResult#MALFORMED_URL}).
   *
   * @param result why the request fails; not {@link WebhookSignatureResult#VALID}
   * @return the outcome to report
   * @throws IllegalArgumentException when {@code result} is {@link WebhookSignatureResult#VALID}
   */
  public WebhookVerification failure(WebhookSignatureResult result) {
    WebhookVerification verification = failures.get(Objects.requireNonNull(result, "result"));
    if (verification == null) {
      throw new IllegalArgumentException("VALID is not a failure; only check() reports a valid signature");
    }
    return verification;
  }

  /**
   * The checks that need no body: the three headers are present, {@code Authorization} is well-formed,
   * and {@code x-ms-date} is a date within the window. A filter can call this before it reads the body,
   * so that unsigned requests cost no body reading; {@link #verify} repeats it.
   *
   * @param date the {@code x-ms-date} header, or {@code null} when absent
   * @param contentSha256 the {@code x-ms-content-sha256} header, or {@code null} when absent
   * @param authorization the {@code Authorization} header, or {@code null} when absent
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
    return "WebhookSignatureVerifier{name=" + name + ", secrets=" + secrets + ", dateWindow=" + dateWindow
        + ", clock=" + clock + "}";
  }

  /** Configures a {@link WebhookSignatureVerifier}. */
  public static final class Builder {

    private final List<WebhookSecret> secrets;
    private String name = DEFAULT_NAME;
    private Duration dateWindow = DEFAULT_DATE_WINDOW;
    private Clock clock = Clock.systemUTC();

    private Builder(List<WebhookSecret> secrets) {
      this.secrets = secrets;
    }

    /**
     * What to call these secrets in log lines and metric tags, e.g. the property or init-parameter they
     * came from ({@code vipps.callback.webhook.secret}); default {@value WebhookSignatureVerifier#DEFAULT_NAME}. Not a secret.
     *
     * @param name the name, e.g. a property name
     * @return this builder
     * @throws IllegalArgumentException when blank or longer than 200 characters
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException("name must be 1 to 200 characters, not blank, but was '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * How far {@code x-ms-date} may be from the clock, either side; default {@link
     * #DEFAULT_DATE_WINDOW}.
     *
     * @param dateWindow the allowed difference, either side
     * @return this builder
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

    /**
     * The clock {@code x-ms-date} is compared with; default the system clock. For tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     */
    public WebhookSignatureVerifier build() {
      return new WebhookSignatureVerifier(this);
    }
  }
}
