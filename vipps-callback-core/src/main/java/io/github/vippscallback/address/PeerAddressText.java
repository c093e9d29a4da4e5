package io.github.vippscallback.address;

/**
 * The peer address of a connection as web servers hand it over, made into the IP literal the rest of
 * this package reads. Jetty (since 9.4.32) gives an IPv6 peer in brackets from {@code getRemoteAddr()}
 * ({@code [0:0:0:0:0:0:0:1]}), and a proxy-aware server component (Jetty's {@code
 * ForwardedRequestCustomizer}, Tomcat's {@code RemoteIpValve}, a forwarded-header transformer) may hand
 * over a forwarded IPv6 hop the same way.
 *
 * <p>The one form accepted beyond a strict literal is exactly one bracketed IPv6 literal: {@code [}, an
 * IPv6 literal as {@link IpAddress#tryParse} reads it, {@code ]}, nothing before or after. A bracketed
 * IPv4 address, a port, a zone id, white space, nested or unbalanced brackets stay as they are, and so
 * are refused by every strict parse that follows. Forwarded headers are not read with this rule: {@link
 * ClientAddressResolver} keeps their own grammars.
 */
public final class PeerAddressText {

  private PeerAddressText() {}

  /**
   * The IP literal inside {@code peer} when it is exactly one bracketed IPv6 literal; otherwise {@code
   * peer} itself (a strict literal, or text every strict parse refuses). A peer that does not start with
   * {@code [} is returned at once, without being read further or copied.
   *
   * @param peer the peer address as the server handed it over, e.g. {@code getRemoteAddr()}
   * @return the IP literal inside the brackets, or {@code peer} itself
   */
  public static String unbracketed(String peer) {
    int last = peer.length() - 1;
    if (last < 3 || peer.charAt(0) != '[' || peer.charAt(last) != ']') {
      return peer;
    }
    if (peer.indexOf(':') < 0 || !IpLiteralParser.isLiteral(peer, 1, last)) {
      return peer; // not IPv6 inside (a bracketed IPv4 address, a second bracket, garbage): stays refused
    }
    return peer.substring(1, last);
  }

  /**
   * Whether {@code peer} is an IP literal the guard can read: a strict literal, nothing else (call
   * {@link #unbracketed} first for what a server hands over). Allocates nothing.
   *
   * @param peer the peer address
   * @return whether it is a strict IPv4 or IPv6 literal
   */
  public static boolean isLiteral(String peer) {
    return IpLiteralParser.isLiteral(peer, 0, peer.length());
  }
}
