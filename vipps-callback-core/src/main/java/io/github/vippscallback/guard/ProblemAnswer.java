package io.github.vippscallback.guard;

import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The whole answer to a refused request, whatever the web stack writes it: the status, the headers
 * ({@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}, {@code Retry-After} on a 503,
 * {@code WWW-Authenticate: HMAC-SHA256} on a 401, the content type and length) and the RFC 9457
 * {@code application/problem+json} body. The servlet filters and the Spring Boot starter's WebFlux support
 * write the same bytes from it. Immutable.
 */
public final class ProblemAnswer {

  private final int status;
  private final @Nullable String extraHeader;
  private final @Nullable String extraValue;
  private final byte[] body;

  ProblemAnswer(int status, @Nullable String extraHeader, @Nullable String extraValue, byte[] body) {
    this.status = status;
    this.extraHeader = extraHeader;
    this.extraValue = extraValue;
    this.body = body;
  }

  /**
   * The HTTP status: 403, 503, 401 or 413.
   *
   * @return the HTTP status code
   */
  public int status() {
    return status;
  }

  /**
   * The body: ASCII JSON, never naming the allowlist, the client address, a secret or a signature.
   *
   * @return the body's bytes; the caller must not change them
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body's length in bytes.
   *
   * @return the length of {@link #body()}
   */
  public int contentLength() {
    return body.length;
  }

  /**
   * Hands every header but the body's own ({@code Content-Type}, {@code Content-Length}) to {@code
   * header}, in the order written.
   *
   * @param header told each header's name and value
   */
  public void forEachHeader(BiConsumer<String, String> header) {
    header.accept("Cache-Control", "no-store");
    header.accept("X-Content-Type-Options", "nosniff");
    if (extraHeader != null && extraValue != null) {
      header.accept(extraHeader, extraValue);
    }
  }

  /**
   * The content type: {@value ProblemAnswers#CONTENT_TYPE}.
   *
   * @return the {@code Content-Type} of the body
   */
  public String contentType() {
    return ProblemAnswers.CONTENT_TYPE;
  }

  /** The body without a copy, for this module's writers. */
  byte[] bodyBytes() {
    return body;
  }

  @Override
  public String toString() {
    return "ProblemAnswer{" + status + "}";
  }
}
