package io.github.vippscallback.spring.autoconfigure;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A stand-in {@link ServerWebExchange} for one method and path, to ask a {@code SecurityWebFilterChain} at
 * start-up whether it would take a guarded endpoint's requests: what a Vipps request would look like (no
 * headers, no query, no body, no cookies, a client address from outside). The WebFlux twin of {@link
 * RepresentativeRequest}; nothing is ever written to its response.
 */
final class RepresentativeExchange {

  private RepresentativeExchange() {}

  /**
   * The exchange.
   *
   * @param method the HTTP method
   * @param basePath {@code spring.webflux.base-path}, {@code ""} for none
   * @param path the path within the application, e.g. {@code /vipps/orders/x}
   */
  static ServerWebExchange of(String method, String basePath, String path) {
    URI uri = URI.create("http://localhost" + basePath + path);
    Request request = new Request(HttpMethod.valueOf(method), uri, basePath.isEmpty() ? null : basePath);
    return new DefaultServerWebExchange(request, new Response(), new DefaultWebSessionManager(),
        ServerCodecConfigurer.create(), new AcceptHeaderLocaleContextResolver());
  }

  /**
   * The request, written against the {@link ServerHttpRequest} interface alone: it is the same in Spring
   * Framework 6.2 (Spring Boot 3.5) and 7, where {@code AbstractServerHttpRequest}'s constructor is not.
   */
  private static final class Request implements ServerHttpRequest {

    private final HttpMethod method;
    private final URI uri;
    private final RequestPath path;
    private final HttpHeaders headers = new HttpHeaders();
    private final Map<String, Object> attributes = new HashMap<>();

    Request(HttpMethod method, URI uri, @Nullable String contextPath) {
      this.method = method;
      this.uri = uri;
      this.path = RequestPath.parse(uri, contextPath);
    }

    @Override
    public String getId() {
      return "vipps-callback-representative";
    }

    @Override
    public RequestPath getPath() {
      return path;
    }

    @Override
    public MultiValueMap<String, String> getQueryParams() {
      return new LinkedMultiValueMap<>();
    }

    @Override
    public MultiValueMap<String, HttpCookie> getCookies() {
      return new LinkedMultiValueMap<>();
    }

    @Override
    public HttpMethod getMethod() {
      return method;
    }

    @Override
    public URI getURI() {
      return uri;
    }

    @Override
    public Map<String, Object> getAttributes() {
      return attributes;
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return new InetSocketAddress(RepresentativeRequest.CLIENT_ADDRESS, 40000);
    }

    @Override
    public Flux<DataBuffer> getBody() {
      return Flux.empty();
    }
  }

  private static final class Response extends AbstractServerHttpResponse {

    Response() {
      super(DefaultDataBufferFactory.sharedInstance);
    }

    @Override
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // the interface's signature
    public <T> T getNativeResponse() {
      return (T) this;
    }

    @Override
    protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
      return Mono.empty();
    }

    @Override
    protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return Mono.empty();
    }

    @Override
    protected void applyStatusCode() {}

    @Override
    protected void applyHeaders() {}

    @Override
    protected void applyCookies() {}
  }
}
