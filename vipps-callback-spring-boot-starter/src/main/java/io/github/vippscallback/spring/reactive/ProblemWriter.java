package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.ProblemAnswer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/** Writes a {@link ProblemAnswer} to a WebFlux response: the same status, headers and bytes as on servlets. */
final class ProblemWriter {

  private ProblemWriter() {}

  static Mono<Void> write(ServerHttpResponse response, ProblemAnswer answer) {
    if (response.isCommitted()) {
      return Mono.empty(); // Too late to answer; the handler was not called, so nothing was served.
    }
    response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
    HttpHeaders headers = response.getHeaders();
    answer.forEachHeader(headers::set);
    headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
    headers.setContentLength(answer.contentLength());
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(answer.body())));
  }
}
