package io.github.vippscallback.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes the RFC 9457 {@code application/problem+json} answer to a request that was not allowed: 403,
 * or 503 with {@code Retry-After}. The body never names the allowlist or the client address. It is
 * built by hand, escaping every character outside printable ASCII, so it is pure ASCII and needs no
 * JSON library.
 */
final class ProblemResponse {

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

  private final String retryAfterSeconds;

  /** @param retryAfter the {@code Retry-After} of a 503, rounded up to whole seconds */
  ProblemResponse(Duration retryAfter) {
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    this.retryAfterSeconds = Long.toString(seconds);
  }

  /** The {@code Retry-After} header value: whole seconds. */
  String retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Writes the answer to a request whose outcome is {@code outcome} (not {@link CallbackOutcome#ALLOWED}). */
  void write(CallbackOutcome outcome, String requestPath, HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      return; // Too late to answer; the chain was not called, so nothing was served.
    }
    boolean unavailable = outcome == CallbackOutcome.UNAVAILABLE;
    int status = unavailable ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_FORBIDDEN;
    byte[] body = unavailable
        ? body(UNAVAILABLE_TITLE, status, UNAVAILABLE_DETAIL, requestPath)
        : body(DENIED_TITLE, status, DENIED_DETAIL, requestPath);
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (unavailable) {
      response.setHeader("Retry-After", retryAfterSeconds);
    }
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
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
