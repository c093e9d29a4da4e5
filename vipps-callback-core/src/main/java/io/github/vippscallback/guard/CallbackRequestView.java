package io.github.vippscallback.guard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the checks of this module read a request of any web stack: the servlet filters read an {@code
 * HttpServletRequest} through one, the Spring Boot starter's WebFlux support a {@code ServerHttpRequest}
 * through another. A view holds no state: one instance serves every request, so a check allocates
 * nothing for it.
 *
 * @param <R> the web stack's request type
 */
public interface CallbackRequestView<R> {

  /**
   * The address of the connection's peer as the server hands it over, with the brackets of exactly one
   * bracketed IPv6 literal taken off ({@link io.github.vippscallback.address.PeerAddressText#unbracketed});
   * {@code null} when there is none. Anything that is then not a strict IP literal is refused as {@link
   * CallbackOutcome#PEER_ADDRESS_UNREADABLE}: the checks never resolve a name.
   *
   * @param request the request
   * @return the peer's address, or {@code null}
   */
  @Nullable String peerAddress(R request);

  /**
   * Every line of the header {@code name}, in order; empty when absent.
   *
   * @param request the request
   * @param name the header name, in any case
   * @return the header's lines, unmodified
   */
  List<String> headerLines(R request, String name);

  /**
   * The first value of the header {@code name}, or {@code null}.
   *
   * @param request the request
   * @param name the header name, in any case
   * @return the header's first value, or {@code null} when absent
   */
  @Nullable String header(R request, String name);

  /**
   * The request method, e.g. {@code POST}.
   *
   * @param request the request
   * @return the request method
   */
  String method(R request);

  /**
   * The request path as sent (still percent-encoded, context path included), without the query.
   *
   * @param request the request
   * @return the raw request path
   */
  String path(R request);

  /**
   * The query as sent, without {@code ?}; {@code null} when there is none.
   *
   * @param request the request
   * @return the raw query, or {@code null}
   */
  @Nullable String rawQuery(R request);

  /**
   * The scheme the request arrived with: {@code http} or {@code https}.
   *
   * @param request the request
   * @return the request's scheme
   */
  String scheme(R request);

  /**
   * The host the request was sent to ({@code Host}), without port.
   *
   * @param request the request
   * @return the host name or address literal the request was sent to
   */
  String host(R request);

  /**
   * The port the request was sent to, or -1 when unknown.
   *
   * @param request the request
   * @return the port, or -1
   */
  int port(R request);
}
