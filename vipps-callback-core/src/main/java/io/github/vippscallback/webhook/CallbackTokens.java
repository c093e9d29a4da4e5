package io.github.vippscallback.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Checks the token that the eCom, Checkout and express shipping callbacks send back in the {@code
 * Authorization} header: the {@code callbackAuthorizationToken} the merchant chose when creating the
 * payment. Compare it with this class rather than {@code String.equals}, which returns as soon as a
 * character differs and so lets an attacker guess a token one character at a time:
 *
 * <pre>{@code
 * String expected = orders.callbackTokenOf(orderId);   // the token you sent with this payment
 * if (!CallbackTokens.matches(expected, request.getHeader("Authorization"))) {
 *   return ResponseEntity.status(401).build();
 * }
 * }</pre>
 *
 * <p>Both tokens are hashed with SHA-256 and the fixed-length digests compared in constant time, so
 * neither the position of the first difference nor the expected token's length shows in the timing.
 */
public final class CallbackTokens {

  private CallbackTokens() {}

  /**
   * Whether {@code received} is exactly {@code expected}, compared in constant time.
   *
   * @param expected the token the application chose for this payment; {@code null} or blank never
   *     matches (a missing token must not let every request through)
   * @param received the {@code Authorization} header as received, or {@code null} when absent
   * @return {@code true} only when {@code expected} is set and {@code received} equals it
   */
  public static boolean matches(@Nullable String expected, @Nullable String received) {
    if (expected == null || expected.isBlank() || received == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(received));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
