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
    return new String(contentSha256Base64(body), StandardCharsets.US_ASCII);
  }

  /** base64(SHA-256(body)) as ASCII bytes: one pass over the body. */
  static byte[] contentSha256Base64(byte[] body) {
    return Base64.getEncoder().encode(sha256().digest(body));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /**
   * A Mac initialised with {@code key}, to be {@linkplain #hmac(Mac, byte[]) cloned} per use: the key
   * schedule is done once, and no provider is looked up per request.
   */
  static Mac mac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(key);
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 accepts any non-empty key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java platform has HmacSHA256", e);
    }
  }

  /**
   * HMAC-SHA256 of {@code text} with {@code key}, from a clone of {@code prototype} (a Mac initialised
   * with that key by {@link #mac}), which is left untouched and may be shared between threads.
   */
  static byte[] hmac(Mac prototype, SecretKeySpec key, byte[] text) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      mac = mac(key); // a provider whose Mac cannot be cloned: initialise a new one
    }
    return mac.doFinal(text);
  }

  /**
   * The 32 bytes of the base64 signature that follows {@code offset} in a well-formed {@code
   * Authorization} header (43 base64 characters and {@code =}), or {@code null} when its last character
   * has bits set that no encoder writes (not the canonical form: refused as not matching).
   */
  static byte @org.jspecify.annotations.Nullable [] decodeSignature(String authorization, int offset) {
    char last = authorization.charAt(offset + 42);
    int value = last >= 'A' && last <= 'Z' ? last - 'A'
        : last >= 'a' && last <= 'z' ? last - 'a' + 26
        : last >= '0' && last <= '9' ? last - '0' + 52
        : last == '+' ? 62 : 63;
    if ((value & 0x3) != 0) {
      return null;
    }
    return Base64.getDecoder().decode(authorization.substring(offset));
  }

  /** Compares ASCII bytes with a string in time that depends only on their lengths. */
  static boolean constantTimeEquals(byte[] expected, String received) {
    if (expected.length != received.length()) {
      return false;
    }
    int difference = 0;
    for (int i = 0; i < expected.length; i++) {
      difference |= expected[i] ^ received.charAt(i);
    }
    return difference == 0;
  }

  /** {@code METHOD\npathAndQuery\ndate;host;contentSha256}. */
  static String signedText(String method, WebhookTarget target, String date, String contentSha256) {
    return method + '\n' + target.pathAndQuery() + '\n' + date + ';' + target.host() + ';' + contentSha256;
  }

  /** base64(HMAC-SHA256(key, UTF-8 bytes of text)). */
  static String signature(SecretKeySpec key, String text) {
    return Base64.getEncoder().encodeToString(mac(key).doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Compares two strings in time that depends only on their lengths, not on where they differ. */
  static boolean constantTimeEquals(String expected, String received) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
  }
}
