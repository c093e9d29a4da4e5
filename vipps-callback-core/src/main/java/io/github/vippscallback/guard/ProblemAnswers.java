package io.github.vippscallback.guard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Makes the RFC 9457 {@code application/problem+json} answer to a request that was not allowed, for every
 * web stack to write: 403, 503 with {@code Retry-After}, 401 with {@code WWW-Authenticate: HMAC-SHA256} or
 * 413. The body never
 * names the allowlist, the client address, the secret or the signature. It is
 * built by hand, escaping every character outside printable ASCII, so it is pure ASCII and needs no
 * JSON library.
 */
final class ProblemAnswers {

  /** The media type of the body (RFC 9457). */
  static final String CONTENT_TYPE = "application/problem+json";

  /** The longest request path echoed as {@code instance}; a longer one is left out. */
  static final int MAX_INSTANCE_LENGTH = 1024;

  static final String DENIED_TITLE = "Forbidden";
  static final String DENIED_DETAIL =
      "This endpoint accepts requests only from the Vipps MobilePay request servers.";
  static final String UNAVAILABLE_TITLE = "Service Unavailable";
  static final String UNAVAILABLE_DETAIL =
      "The addresses of the Vipps MobilePay request servers are not known yet. Retry later.";
  static final String UNAUTHORIZED_TITLE = "Unauthorized";
  static final String UNAUTHORIZED_DETAIL = "The request does not carry a valid Vipps webhook signature.";
  static final String TOO_LARGE_TITLE = "Content Too Large";
  static final String TOO_LARGE_DETAIL = "The request body is larger than this endpoint accepts.";
  static final int SC_CONTENT_TOO_LARGE = 413;

  private final String retryAfterSeconds;

  /** @param retryAfter the {@code Retry-After} of a 503, rounded up to whole seconds */
  ProblemAnswers(Duration retryAfter) {
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    this.retryAfterSeconds = Long.toString(seconds);
  }

  /** The {@code Retry-After} header value: whole seconds. */
  String retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * The answer to a request whose outcome is {@code outcome}, for a request to {@code requestPath}.
   *
   * @throws IllegalArgumentException when the outcome is {@link CallbackOutcome#ALLOWED}
   */
  ProblemAnswer answer(CallbackOutcome outcome, String requestPath) {
    return switch (outcome) {
      case DENIED, PEER_ADDRESS_UNREADABLE -> new ProblemAnswer(403, null, null,
          body(DENIED_TITLE, 403, DENIED_DETAIL, requestPath));
      case UNAVAILABLE -> new ProblemAnswer(503, "Retry-After",
          retryAfterSeconds,
          body(UNAVAILABLE_TITLE, 503, UNAVAILABLE_DETAIL, requestPath));
      case SIGNATURE_INVALID -> new ProblemAnswer(401, "WWW-Authenticate",
          "HMAC-SHA256",
          body(UNAUTHORIZED_TITLE, 401, UNAUTHORIZED_DETAIL, requestPath));
      case BODY_TOO_LARGE -> new ProblemAnswer(SC_CONTENT_TOO_LARGE, null, null,
          body(TOO_LARGE_TITLE, SC_CONTENT_TOO_LARGE, TOO_LARGE_DETAIL, requestPath));
      default -> throw new IllegalArgumentException("an allowed request is not answered with a problem: " + outcome);
    };
  }


  /** The problem document, as ASCII bytes. */
  static byte[] body(String title, int status, String detail, String instance) {
    StringBuilder json = new StringBuilder(256 + Math.min(instance.length(), MAX_INSTANCE_LENGTH) * 2);
    json.append("{\"type\":\"about:blank\",\"title\":");
    appendString(json, title);
    json.append(",\"status\":").append(status).append(",\"detail\":");
    appendString(json, detail);
    if (!instance.isEmpty() && instance.length() <= MAX_INSTANCE_LENGTH) {
      json.append(",\"instance\":");
      appendString(json, instance);
    }
    json.append('}');
    return json.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Appends {@code value} as a JSON string: quotes and backslashes escaped, everything below space or
   * above {@code ~} (and {@code <}, {@code >}, {@code &}) as {@code \\uXXXX}.
   */
  static void appendString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&') {
            json.append("\\u");
            String hex = Integer.toHexString(c);
            for (int pad = hex.length(); pad < 4; pad++) {
              json.append('0');
            }
            json.append(hex);
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
