package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.servlet.CallbackRequestView;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Reads a WebFlux {@link ServerHttpRequest} for the checks. The peer address is the exchange's remote
 * address: the connection's own address as an IP literal; an unresolved address (what a forwarded-header
 * transformer leaves, from header text) counts only when its host string is strictly an IP literal, and
 * anything else is no address at all, which the guard denies. Nothing here resolves a name.
 */
final class ServerRequestView implements CallbackRequestView<ServerHttpRequest> {

  static final ServerRequestView INSTANCE = new ServerRequestView();

  private ServerRequestView() {}

  @Override
  public @Nullable String peerAddress(ServerHttpRequest request) {
    return literal(request.getRemoteAddress());
  }

  /** The address as an IP literal, or {@code null}; never a name lookup. */
  static @Nullable String literal(@Nullable InetSocketAddress remote) {
    if (remote == null) {
      return null;
    }
    InetAddress address = remote.getAddress();
    if (address != null) {
      return address.getHostAddress();
    }
    String host = remote.getHostString(); // unresolved: header text, e.g. from ForwardedHeaderTransformer
    return IpAddress.tryParse(host) == null ? null : host;
  }

  @Override
  public List<String> headerLines(ServerHttpRequest request, String name) {
    List<String> lines = request.getHeaders().get(name);
    return lines == null ? List.of() : lines;
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
