package io.github.vippscallback.address;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the address of the client that sent a request, from the peer address of the connection and,
 * only when the peer is a trusted proxy, the {@code X-Forwarded-For} and {@code Forwarded} headers.
 *
 * <p>With no trusted proxies the headers are ignored and the peer is the client. With trusted proxies,
 * and a peer that is one of them, the hops are the header's entries in the order received (several
 * header lines count as one list) followed by the peer; they are walked right to left, skipping trusted
 * ones, and the first untrusted hop is the client. When every hop is trusted, the leftmost is the client.
 * An unparsable or obfuscated hop ({@code unknown}, {@code _hidden}, an empty entry, garbage) reached
 * before the client is found means there is no client address. When both headers are present, both must
 * name the same client address, else there is none: a proxy that sets only one of them passes the other
 * through from the client untouched. When the peer is not trusted, the headers are never read.
 *
 * <p>{@code X-Forwarded-For} entries are comma-separated addresses, optionally with a port:
 * {@code 192.0.2.1}, {@code 192.0.2.1:5678}, {@code 2001:db8::1} (a bare IPv6 address is never read as
 * address and port), {@code [2001:db8::1]} or {@code [2001:db8::1]:443}. {@code Forwarded} is read as RFC
 * 7239 defines it: comma-separated elements of semicolon-separated {@code name=value} pairs, names in any
 * case, values a token or a quoted string with backslash escapes; the hop is the element's {@code for}
 * parameter, which must be an IPv4 address or a bracketed IPv6 address (quoted when it has brackets or a
 * port), optionally with a port. An element without {@code for}, with {@code for} twice, or with a syntax
 * error (such as a quote left open, or a control character) is an unparsable hop; after a syntax error
 * the rest of that header line is not read.
 *
 * <p>Immutable and thread-safe; it never performs a DNS lookup, uses no regular expressions, and when it
 * does not read the headers it returns the peer address string itself, allocating nothing.
 */
public final class ClientAddressResolver {

  private static final ClientAddressResolver IGNORING_HEADERS =
      new ClientAddressResolver(AddressSet.empty());

  private final AddressSet trusted;
  private final List<IpRange> trustedList;

  private ClientAddressResolver(AddressSet trusted) {
    this.trusted = trusted;
    this.trustedList = List.copyOf(trusted.ranges());
  }

  /**
   * A resolver that trusts no proxy: the peer address is the client address.
   *
   * @return a resolver that always answers the peer address
   */
  public static ClientAddressResolver ignoringForwardedHeaders() {
    return IGNORING_HEADERS;
  }

  /**
   * A resolver that trusts the given proxies.
   *
   * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.1}, {@code 10.0.0.0/8},
   *     {@code 2001:db8::/32}), exactly as {@link IpRange#parse} reads them; empty means trust none
   * @return a resolver that reads forwarded headers only from peers inside {@code trustedProxies}
   * @throws IllegalArgumentException naming the first bad entry
   */
  public static ClientAddressResolver trusting(Collection<String> trustedProxies) {
    List<IpRange> ranges = new ArrayList<>(trustedProxies.size());
    for (String entry : trustedProxies) {
      try {
        ranges.add(IpRange.parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Bad trusted proxy "
                + QuotedValue.of(entry)
                + ": valid: "
                + IpRange.FORMAT
                + " ("
                + e.getMessage()
                + ")",
            e);
      }
    }
    return ranges.isEmpty() ? IGNORING_HEADERS : new ClientAddressResolver(AddressSet.of(ranges));
  }

  /**
   * Whether any proxy is trusted, so callers need to read the forwarded headers at all.
   *
   * @return {@code true} when at least one proxy is trusted
   */
  public boolean readsForwardedHeaders() {
    return !trusted.isEmpty();
  }

  /**
   * The trusted proxy ranges, sorted; unmodifiable.
   *
   * @return the trusted proxy ranges, empty when no proxy is trusted
   */
  public List<IpRange> trustedProxies() {
    return trustedList;
  }

  /**
   * Resolves the client address.
   *
   * @param peerAddress the address the connection came from (e.g. {@code getRemoteAddr()})
   * @param xForwardedFor every {@code X-Forwarded-For} header value, in the order received
   * @param forwarded every {@code Forwarded} header value, in the order received
   * @return the client address: {@code peerAddress} itself when the headers are not used, else the
   *     address text of the client's hop without brackets or port; or {@code null} when there is no
   *     client address (deny)
   */
  public @Nullable String resolve(
      String peerAddress, List<String> xForwardedFor, List<String> forwarded) {
    if (trusted.isEmpty() || !trusted.contains(peerAddress)) {
      return peerAddress;
    }
    boolean hasForwardedFor = !xForwardedFor.isEmpty();
    boolean hasForwarded = !forwarded.isEmpty();
    if (!hasForwardedFor && !hasForwarded) {
      return peerAddress;
    }
    if (!hasForwarded) {
      return walkForwardedFor(xForwardedFor);
    }
    if (!hasForwardedFor) {
      return walkForwarded(forwarded, null);
    }
    // Both headers: both must name the same client.
    String fromForwardedFor = walkForwardedFor(xForwardedFor);
    if (fromForwardedFor == null) {
      return null;
    }
    String fromForwarded = walkForwarded(forwarded, fromForwardedFor);
    if (fromForwarded == null) {
      return null;
    }
    if (fromForwarded.equals(fromForwardedFor)) {
      return fromForwardedFor; // both walks return address literals only: same text, same address
    }
    IpAddress one = IpAddress.tryParse(fromForwardedFor);
    IpAddress other = IpAddress.tryParse(fromForwarded);
    return one != null && one.equals(other) ? fromForwardedFor : null;
  }

  // ---------------------------------------------------------------- X-Forwarded-For

  /** Walks the X-Forwarded-For hops right to left; the client's address text, or null. */
  private @Nullable String walkForwardedFor(List<String> values) {
    String leftmost = null;
    int leftmostFrom = 0;
    int leftmostTo = 0;
    for (int v = values.size() - 1; v >= 0; v--) {
      String value = values.get(v);
      int end = value.length();
      while (true) {
        int comma = end == 0 ? -1 : value.lastIndexOf(',', end - 1);
        int from = ForwardedHeaderSyntax.skipOws(value, comma + 1, end);
        int to = ForwardedHeaderSyntax.trimOws(value, from, end);
        long address = ForwardedHeaderSyntax.forwardedForAddress(value, from, to);
        if (address < 0) {
          return null;
        }
        int addressFrom = (int) (address >>> 32);
        int addressTo = (int) address;
        if (!trusted.contains(value, addressFrom, addressTo)) {
          return value.substring(addressFrom, addressTo);
        }
        leftmost = value;
        leftmostFrom = addressFrom;
        leftmostTo = addressTo;
        if (comma < 0) {
          break;
        }
        end = comma;
      }
    }
    // Every hop is trusted: the leftmost is the client.
    return leftmost == null ? null : leftmost.substring(leftmostFrom, leftmostTo);
  }

  // ---------------------------------------------------------------- Forwarded (RFC 7239)

  /**
   * Walks the {@code Forwarded} hops; the client's address text, or null. One left-to-right pass over
   * the elements (quoted strings rule out reading right to left) that remembers what a right-to-left
   * walk would stop at: the rightmost hop that is not a trusted address. Its state is in locals and
   * regions of the header values, so it allocates nothing but the returned string (and, for a
   * {@code for} value with backslash escapes, the unescaped value).
   *
   * @param sameAs returned itself, instead of a copy, when the client's address text is the same text
   */
  private @Nullable String walkForwarded(List<String> values, @Nullable String sameAs) {
    String stopText = null; // null until a hop stops the walk
    int stopFrom = 0;
    int stopTo = 0;
    boolean stopValid = false;
    String firstText = null; // the leftmost valid hop
    int firstFrom = 0;
    int firstTo = 0;
    for (int v = 0; v < values.size(); v++) {
      String line = values.get(v);
      int n = line.length();
      int i = 0;
      while (true) {
        long element = ForwardedHeaderSyntax.readElement(line, i);
        String text = line;
        long address = -1;
        if (element >= 0) {
          i = (int) (element >>> 32);
          int forFrom = (int) element;
          if (forFrom != ForwardedHeaderSyntax.NO_FOR) {
            int forTo = ForwardedHeaderSyntax.valueEnd(line, forFrom);
            if (line.charAt(forFrom - 1) == '"'
                && ForwardedHeaderSyntax.indexOf(line, '\\', forFrom, forTo) >= 0) {
              text = ForwardedHeaderSyntax.unescape(line, forFrom, forTo);
              forFrom = 0;
              forTo = text.length();
            }
            address = ForwardedHeaderSyntax.forwardedNodeAddress(text, forFrom, forTo);
          }
        }
        int from = (int) (address >>> 32);
        int to = (int) address;
        boolean valid = address >= 0;
        if (valid && firstText == null) {
          firstText = text;
          firstFrom = from;
          firstTo = to;
        }
        if (!valid || !trusted.contains(text, from, to)) {
          stopText = text;
          stopFrom = from;
          stopTo = to;
          stopValid = valid;
        }
        if (element < 0 || i >= n) {
          // After a syntax error nothing more of this line can be trusted to mean anything.
          break;
        }
        i++; // the comma
      }
    }
    if (stopText != null) {
      return stopValid ? textOf(stopText, stopFrom, stopTo, sameAs) : null;
    }
    // Every hop is trusted: the leftmost is the client.
    return firstText == null ? null : textOf(firstText, firstFrom, firstTo, sameAs);
  }

  /** The region {@code from..to} of {@code text}: {@code sameAs} when it holds the same text, else a copy. */
  private static String textOf(String text, int from, int to, @Nullable String sameAs) {
    int length = to - from;
    return sameAs != null && sameAs.length() == length && sameAs.regionMatches(0, text, from, length)
        ? sameAs
        : text.substring(from, to);
  }

}
