package io.github.vippscallback.servlet;

import io.github.vippscallback.guard.ProblemAnswer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a {@link ProblemAnswer} (the guard's 403, 503, 401 or 413 {@code application/problem+json} answer)
 * to a servlet response: status, headers and body, the same bytes on every web stack.
 */
final class ProblemResponse {

  private ProblemResponse() {}

  /** Writes {@code answer} unless the response is already committed (then nothing was served). */
  static void write(ProblemAnswer answer, HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      return; // Too late to answer; the chain was not called, so nothing was served.
    }
    byte[] body = answer.body();
    response.resetBuffer();
    response.setStatus(answer.status());
    answer.forEachHeader(response::setHeader);
    response.setContentType(answer.contentType());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }
}
