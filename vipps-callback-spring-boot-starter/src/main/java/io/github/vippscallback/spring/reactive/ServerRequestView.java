package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.CallbackRequestView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads a WebFlux {@link ServerHttpRequest} for the checks. The peer address is the exchange's remote
 * address as an IP literal ({@link PeerAddressLiterals}): the connection's own address; an unresolved
 * address (what a forwarded-header transformer leaves, from header text) counts only when its host string
 * is strictly an IP literal, and anything else is no address at all, which the guard denies. Nothing here
 * resolves a name.
 */
final class ServerRequestView implements CallbackRequestView<ServerHttpRequest> {

  static final ServerRequestView INSTANCE = new ServerRequestView();

  private ServerRequestView() {}

  @Override
  public @Nullable String peerAddress(ServerHttpRequest request) {
    return PeerAddressLiterals.of(request.getRemoteAddress());
  }

  @Override
  public List<String> headerLines(ServerHttpRequest request, String name) {
    HttpHeaders headers = request.getHeaders();
    // Spring Framework 6.2 (Boot 3.5): HttpHeaders is a Map (get(Object)); 7 (Boot 4): it is not (get(String)).
    // The branch not taken is never linked, so each line calls only the method it has.
    Object spring6 = headers;
    @Nullable List<String> lines = spring6 instanceof Map<?, ?> map ? spring6Lines(map, name) : headers.get(name);
    return lines == null ? List.of() : lines;
  }

  @SuppressWarnings("unchecked") // Spring Framework 6.2's HttpHeaders is a Map<String, List<String>>
  private static @Nullable List<String> spring6Lines(Map<?, ?> headers, String name) {
    return (List<String>) headers.get(name);
  }

  @Override
  public @Nullable String header(ServerHttpRequest request, String name) {
    return request.getHeaders().getFirst(name);
  }

  @Override
  public String method(ServerHttpRequest request) {
    return request.getMethod().name();
  }

  @Override
  public String path(ServerHttpRequest request) {
    String path = request.getURI().getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  @Override
  public @Nullable String rawQuery(ServerHttpRequest request) {
    return request.getURI().getRawQuery();
  }

  @Override
  public String scheme(ServerHttpRequest request) {
    String scheme = request.getURI().getScheme();
    return scheme == null ? "http" : scheme;
  }

  @Override
  public String host(ServerHttpRequest request) {
    URI uri = request.getURI();
    String host = uri.getHost();
    return host == null ? "" : host;
  }

  @Override
  public int port(ServerHttpRequest request) {
    return request.getURI().getPort();
  }
}
