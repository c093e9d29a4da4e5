package io.github.vippscallback.servlet;

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
   */
  @Nullable String peerAddress(R request);

  /** Every line of the header {@code name}, in order; empty when absent. */
  List<String> headerLines(R request, String name);

  /** The first value of the header {@code name}, or {@code null}. */
  @Nullable String header(R request, String name);

  /** The request method, e.g. {@code POST}. */
  String method(R request);

  /** The request path as sent (still percent-encoded, context path included), without the query. */
  String path(R request);

  /** The query as sent, without {@code ?}; {@code null} when there is none. */
  @Nullable String rawQuery(R request);

  /** The scheme the request arrived with: {@code http} or {@code https}. */
  String scheme(R request);

  /** The host the request was sent to ({@code Host}), without port. */
  String host(R request);

  /** The port the request was sent to, or -1 when unknown. */
  int port(R request);
}
