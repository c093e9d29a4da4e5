package io.github.vippscallback.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The arithmetic of Vipps' webhook signature, shared by the signer and the verifier. */
final class WebhookHmac {

  static final String AUTHORIZATION_PREFIX =
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";

  /** RFC 1123 dates as HTTP writes them: always GMT, two-digit day. */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final String HMAC_SHA256 = "HmacSHA256";

  private WebhookHmac() {}

  /** The key for a secret used as text; the secret is checked and named without being echoed. */
  static SecretKeySpec key(String secret) {
    Objects.requireNonNull(secret, "webhook secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException(
          "The webhook secret is blank; set it to the secret Vipps returned when the webhook was registered");
    }
    return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256);
  }

  /** base64(SHA-256(body)). */
  static String contentSha256(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /** {@code METHOD\npathAndQuery\ndate;host;contentSha256}. */
  static String signedText(String method, WebhookTarget target, String date, String contentSha256) {
    return method + '\n' + target.pathAndQuery() + '\n' + date + ';' + target.host() + ';' + contentSha256;
  }

  /** base64(HMAC-SHA256(key, UTF-8 bytes of text)). */
  static String signature(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 accepts any non-empty key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java platform has HmacSHA256", e);
    }
  }

  /** Compares two strings in time that depends only on their lengths, not on where they differ. */
  static boolean constantTimeEquals(String expected, String received) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
  }
}
