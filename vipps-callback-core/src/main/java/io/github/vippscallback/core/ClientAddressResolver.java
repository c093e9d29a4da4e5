package io.github.vippscallback.core;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the address of the client that sent a request, from the peer address of the connection and,
 * only when the peer is a trusted proxy, the {@code X-Forwarded-For} and {@code Forwarded} headers.
 *
 * <p>With no trusted proxies the headers are ignored and the peer is the client. With trusted proxies
 * the hops are walked right to left, skipping trusted ones; the first untrusted hop is the client. An
 * unparsable or obfuscated hop ({@code unknown}, {@code _hidden}) before the client is found means there
 * is no client address. When both headers are present, both must name the same client, else there is
 * none: a proxy that sets only one of them passes the other through from the client untouched.
 *
 * <p>Immutable and thread-safe; it never performs a DNS lookup.
 */
public final class ClientAddressResolver {

  private ClientAddressResolver() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** A resolver that trusts no proxy: the peer address is the client address. */
  public static ClientAddressResolver ignoringForwardedHeaders() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * A resolver that trusts the given proxies.
   *
   * @param trustedProxies addresses or CIDR ranges; empty means trust none
   * @throws IllegalArgumentException naming the first bad entry
   */
  public static ClientAddressResolver trusting(Collection<String> trustedProxies) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether any proxy is trusted, so callers need to read the forwarded headers at all. */
  public boolean readsForwardedHeaders() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The trusted proxy ranges. */
  public List<IpRange> trustedProxies() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Resolves the client address.
   *
   * @param peerAddress the address the connection came from (e.g. {@code getRemoteAddr()})
   * @param xForwardedFor every {@code X-Forwarded-For} header value, in the order received
   * @param forwarded every {@code Forwarded} header value, in the order received
   * @return the client address in canonical form, or {@code null} when there is none (deny)
   */
  public @Nullable String resolve(String peerAddress, List<String> xForwardedFor, List<String> forwarded) {
    throw new UnsupportedOperationException("skeleton");
  }
}
