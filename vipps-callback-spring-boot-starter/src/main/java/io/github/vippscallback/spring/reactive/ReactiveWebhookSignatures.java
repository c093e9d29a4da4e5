package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpointPatterns;
import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookVerification;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Vipps webhook signature check on WebFlux, applied after the address check to the guarded endpoints
 * that take a signature; any other request passes on untouched. The same steps as the servlet filter
 * ({@link WebhookSignatureCheck}): signature headers checked before a byte of the body is read; the body
 * read once, up to the limit (413 above it, also as soon as {@code Content-Length} announces more); the
 * signature verified; the handler gets the same bytes. In report-only mode every request goes on, a body
 * over the limit whole (the bytes read, then the rest of the stream).
 *
 * <p>Not a bean: the starter puts it into its {@code SecurityWebFilterChain} or calls it from its {@code
 * WebFilter}.
 */
public final class ReactiveWebhookSignatures implements WebFilter {

  private static final ServerRequestView VIEW = ServerRequestView.INSTANCE;

  private final ReactiveCallbackEndpoints endpoints;

  /**
   * The check of the {@code endpoints} that take a signature.
   *
   * @param endpoints the guarded endpoints, each with the signature check that applies to it, if any
   */
  public ReactiveWebhookSignatures(ReactiveCallbackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** In the starter's chain: checks the endpoint the chain's matcher kept in the exchange. */
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return filter(endpoints.matched(exchange), exchange, chain);
  }

  /**
   * Checks the signature of an exchange for {@code endpoint} when it takes one; any other exchange goes on
   * untouched.
   *
   * @param endpoint the endpoint the exchange matched, or {@link CallbackEndpointPatterns#NO_MATCH}
   * @param exchange the exchange
   * @param chain the rest of the chain
   * @return the completion of the exchange
   */
  public Mono<Void> filter(int endpoint, ServerWebExchange exchange, WebFilterChain chain) {
    @Nullable WebhookSignatureCheck check =
        endpoint == CallbackEndpointPatterns.NO_MATCH ? null : endpoints.signatureCheck(endpoint);
    return check == null ? chain.filter(exchange) : check(check, exchange, chain);
  }

  /**
   * A constant: WebFlux's filter chain asks every filter for its {@code toString()} on every request (for a
   * {@code checkpoint}), and {@code Object}'s would format a new string each time.
   */
  @Override
  public String toString() {
    return "ReactiveWebhookSignatures";
  }

  private static Mono<Void> check(WebhookSignatureCheck check, ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    boolean enforces = check.mode().enforces();
    if (check.announcesTooLarge(request.getHeaders().getContentLength())) {
      check.bodyTooLarge(request, VIEW);
      return enforces ? tooLarge(check, exchange) : chain.filter(exchange); // nothing read: goes on untouched
    }
    WebhookSignatureResult headers = check.checkHeaders(request, VIEW);
    if (!headers.isValid()) {
      // Refused before reading a byte of the body.
      check.conclude(request, VIEW, headers);
      return check.letsThrough(headers) ? chain.filter(exchange) : invalid(check, exchange);
    }
    int limit = check.maxBodySize();
    return chunks(request.getBody(), limit).switchOnFirst((first, all) -> {
      if (first.isOnError()) {
        return Mono.error(first.getThrowable() == null ? new IllegalStateException("body failed") : first.getThrowable());
      }
      List<DataBuffer> read = first.get();
      if (read == null) {
        return verified(check, exchange, chain, new byte[0]); // an empty body
      }
      if (size(read) <= limit) {
        // The whole body: the first chunk ends only when the body does.
        return all.next().flatMap(whole -> verified(check, exchange, chain, bytes(whole)));
      }
      check.bodyTooLarge(request, VIEW);
      if (enforces) {
        return all.next().flatMap(prefix -> {
          prefix.forEach(DataBufferUtils::release);
          return tooLarge(check, exchange);
        });
      }
      // Never buffered whole: the bytes read, then the rest of the stream.
      return chain.filter(withBody(exchange, all.concatMapIterable(chunk -> chunk)));
    }, false).then();
  }

  /**
   * The body in chunks: the first holds every buffer up to and including the one that passes {@code
   * limit} (so the whole body when it does not), each later one a single buffer.
   */
  static Flux<List<DataBuffer>> chunks(Flux<DataBuffer> body, int limit) {
    return Flux.defer(() -> {
      long[] count = {0};
      return body.bufferUntil(buffer -> {
        count[0] += buffer.readableByteCount();
        return count[0] > limit;
      });
    });
  }

  private static Mono<Void> verified(
      WebhookSignatureCheck check, ServerWebExchange exchange, WebFilterChain chain, byte[] body) {
    ServerHttpRequest request = exchange.getRequest();
    WebhookVerification result = check.verify(request, VIEW, body);
    check.conclude(request, VIEW, result);
    if (!check.letsThrough(result)) {
      return invalid(check, exchange);
    }
    return chain.filter(withBody(exchange,
        Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)))));
  }

  private static long size(List<DataBuffer> buffers) {
    long size = 0;
    for (DataBuffer buffer : buffers) {
      size += buffer.readableByteCount();
    }
    return size;
  }

  /** The buffers' bytes as one array; the buffers are released. */
  private static byte[] bytes(List<DataBuffer> buffers) {
    byte[] bytes = new byte[(int) size(buffers)];
    int offset = 0;
    for (DataBuffer buffer : buffers) {
      int length = buffer.readableByteCount();
      buffer.read(bytes, offset, length);
      offset += length;
      DataBufferUtils.release(buffer);
    }
    return bytes;
  }

  private static ServerWebExchange withBody(ServerWebExchange exchange, Flux<DataBuffer> body) {
    ServerHttpRequest decorated = new ServerHttpRequestDecorator(exchange.getRequest()) {
      @Override
      public Flux<DataBuffer> getBody() {
        return body;
      }
    };
    return exchange.mutate().request(decorated).build();
  }

  private static Mono<Void> tooLarge(WebhookSignatureCheck check, ServerWebExchange exchange) {
    return ProblemWriter.write(exchange.getResponse(),
        check.answer(true, ServerRequestView.INSTANCE.path(exchange.getRequest())));
  }

  private static Mono<Void> invalid(WebhookSignatureCheck check, ServerWebExchange exchange) {
    return ProblemWriter.write(exchange.getResponse(),
        check.answer(false, ServerRequestView.INSTANCE.path(exchange.getRequest())));
  }
}
