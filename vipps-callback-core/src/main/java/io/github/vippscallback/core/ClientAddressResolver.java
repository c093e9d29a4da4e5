package io.github.vippscallback.core;

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

  /** A resolver that trusts no proxy: the peer address is the client address. */
  public static ClientAddressResolver ignoringForwardedHeaders() {
    return IGNORING_HEADERS;
  }

  /**
   * A resolver that trusts the given proxies.
   *
   * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.1}, {@code 10.0.0.0/8},
   *     {@code 2001:db8::/32}), exactly as {@link IpRange#parse} reads them; empty means trust none
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
                + ": expected an IP address or CIDR range such as 10.0.0.1, 10.0.0.0/8 or"
                + " 2001:db8::/32 ("
                + e.getMessage()
                + ")",
            e);
      }
    }
    return ranges.isEmpty() ? IGNORING_HEADERS : new ClientAddressResolver(AddressSet.of(ranges));
  }

  /** Whether any proxy is trusted, so callers need to read the forwarded headers at all. */
  public boolean readsForwardedHeaders() {
    return !trusted.isEmpty();
  }

  /** The trusted proxy ranges, sorted; unmodifiable. */
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
        int from = skipOws(value, comma + 1, end);
        int to = trimOws(value, from, end);
        long address = forwardedForAddress(value, from, to);
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

  /**
   * The address region of one X-Forwarded-For entry, packed as {@code from << 32 | to}, or -1 when the
   * entry is not an address (with an optional port).
   */
  private static long forwardedForAddress(String value, int from, int to) {
    if (from == to) {
      return -1;
    }
    if (value.charAt(from) == '[') {
      return bracketedAddress(value, from, to, false);
    }
    if (IpLiteralParser.isLiteral(value, from, to)) {
      return region(from, to);
    }
    int colon = indexOf(value, ':', from, to);
    if (colon > from
        && IpLiteralParser.parseIpv4(value, from, colon) >= 0
        && isPort(value, colon + 1, to)) {
      return region(from, colon);
    }
    return -1;
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
        long element = readElement(line, i);
        String text = line;
        long address = -1;
        if (element >= 0) {
          i = (int) (element >>> 32);
          int forFrom = (int) element;
          if (forFrom != NO_FOR) {
            int forTo = valueEnd(line, forFrom);
            if (line.charAt(forFrom - 1) == '"' && indexOf(line, '\\', forFrom, forTo) >= 0) {
              text = unescape(line, forFrom, forTo);
              forFrom = 0;
              forTo = text.length();
            }
            address = forwardedNodeAddress(text, forFrom, forTo);
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

  /** What {@link #readElement} packs when the element has no {@code for} parameter. */
  private static final int NO_FOR = 0;

  /**
   * Reads the {@code Forwarded} element that starts at {@code from}: semicolon-separated
   * {@code name=value} pairs up to a comma or the end of the line.
   *
   * @return -1 on a syntax error (a bad pair, a control character, a quote left open, a second
   *     {@code for}); else {@code end << 32 | forValue}, where {@code end} is the index of the comma
   *     or the line's length and {@code forValue} is where the {@code for} value starts (after its
   *     opening quote when quoted), or {@link #NO_FOR} (never a value's start: a name and '=' come first)
   */
  private static long readElement(String line, int from) {
    int n = line.length();
    int i = from;
    int forValue = NO_FOR;
    while (true) {
      i = skipOws(line, i, n);
      if (i >= n || line.charAt(i) == ',') {
        return ((long) i << 32) | forValue;
      }
      if (line.charAt(i) == ';') {
        i++;
        continue;
      }
      int nameFrom = i;
      int nameTo = tokenEnd(line, i, n);
      if (nameTo == nameFrom || nameTo >= n || line.charAt(nameTo) != '=') {
        return -1;
      }
      int valueFrom = nameTo + 1;
      int valueTo;
      if (valueFrom < n && line.charAt(valueFrom) == '"') {
        valueFrom++;
        valueTo = quotedStringEnd(line, valueFrom, n);
        if (valueTo < 0) {
          return -1;
        }
        i = valueTo + 1;
      } else {
        valueTo = tokenEnd(line, valueFrom, n);
        if (valueTo == valueFrom) {
          return -1;
        }
        i = valueTo;
      }
      if (isFor(line, nameFrom, nameTo)) {
        if (forValue != NO_FOR) {
          return -1;
        }
        forValue = valueFrom;
      }
      i = skipOws(line, i, n);
      if (i < n && line.charAt(i) != ';' && line.charAt(i) != ',') {
        return -1;
      }
    }
  }

  /**
   * The end of the value {@link #readElement} found valid at {@code from}: its closing quote when
   * quoted, else the end of its token.
   */
  private static int valueEnd(String line, int from) {
    return line.charAt(from - 1) == '"'
        ? quotedStringEnd(line, from, line.length())
        : tokenEnd(line, from, line.length());
  }

  /** The end of the run of tchars starting at {@code from}. */
  private static int tokenEnd(String line, int from, int n) {
    int i = from;
    while (i < n && isTchar(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The index of the quote that closes the quoted string whose content starts at {@code from}, or -1
   * when it is left open or holds a character a quoted string may not hold.
   */
  private static int quotedStringEnd(String line, int from, int n) {
    int i = from;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        i++;
        if (i >= n || !isQuotedPairChar(line.charAt(i))) {
          return -1;
        }
      } else if (!isQdtext(c)) {
        return -1;
      }
      i++;
    }
    return -1;
  }

  /**
   * The address region of a {@code Forwarded} node ({@code for} value, unquoted), packed as
   * {@code from << 32 | to}, or -1 for {@code unknown}, an obfuscated node or anything else.
   */
  private static long forwardedNodeAddress(CharSequence text, int from, int to) {
    if (from == to) {
      return -1;
    }
    if (text.charAt(from) == '[') {
      return bracketedAddress(text, from, to, true);
    }
    int colon = indexOf(text, ':', from, to);
    int nameTo = colon < 0 ? to : colon;
    if (colon >= 0 && !isNodePort(text, colon + 1, to)) {
      return -1;
    }
    return IpLiteralParser.parseIpv4(text, from, nameTo) >= 0 ? region(from, nameTo) : -1;
  }

  /** {@code [v6]} or {@code [v6]:port}: the region of v6, or -1. */
  private static long bracketedAddress(
      CharSequence text, int from, int to, boolean allowObfuscatedPort) {
    int close = indexOf(text, ']', from + 1, to);
    if (close < 0
        || indexOf(text, ':', from + 1, close) < 0
        || !IpLiteralParser.isLiteral(text, from + 1, close)) {
      return -1;
    }
    if (close + 1 == to) {
      return region(from + 1, close);
    }
    boolean port =
        text.charAt(close + 1) == ':'
            && (allowObfuscatedPort
                ? isNodePort(text, close + 2, to)
                : isPort(text, close + 2, to));
    return port ? region(from + 1, close) : -1;
  }

  // ---------------------------------------------------------------- characters

  private static long region(int from, int to) {
    return ((long) from << 32) | to;
  }

  private static int indexOf(CharSequence text, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** A decimal port 0..65535, one to five ASCII digits. */
  private static boolean isPort(CharSequence text, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 5) {
      return false;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 65535;
  }

  /** RFC 7239 node-port: a port, or {@code _} followed by letters, digits, '.', '_' or '-'. */
  private static boolean isNodePort(CharSequence text, int from, int to) {
    if (from < to && text.charAt(from) == '_') {
      if (to - from < 2) {
        return false;
      }
      for (int i = from + 1; i < to; i++) {
        char c = text.charAt(i);
        if (!(isAlphaOrDigit(c) || c == '.' || c == '_' || c == '-')) {
          return false;
        }
      }
      return true;
    }
    return isPort(text, from, to);
  }

  private static boolean isFor(CharSequence text, int from, int to) {
    if (to - from != 3) {
      return false;
    }
    char f = text.charAt(from);
    char o = text.charAt(from + 1);
    char r = text.charAt(from + 2);
    return (f == 'f' || f == 'F') && (o == 'o' || o == 'O') && (r == 'r' || r == 'R');
  }

  private static int skipOws(CharSequence text, int from, int to) {
    int i = from;
    while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int trimOws(CharSequence text, int from, int to) {
    int i = to;
    while (i > from && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
      i--;
    }
    return i;
  }

  private static boolean isAlphaOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** RFC 9110 tchar. */
  private static boolean isTchar(char c) {
    if (isAlphaOrDigit(c)) {
      return true;
    }
    return switch (c) {
      case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
      default -> false;
    };
  }

  /** RFC 9110 qdtext: HTAB, SP, visible ASCII except '"' and '\', obs-text. */
  private static boolean isQdtext(char c) {
    return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e)
        || (c >= 0x80 && c <= 0xff);
  }

  /** What may follow a backslash in a quoted string: HTAB, SP, VCHAR, obs-text. */
  private static boolean isQuotedPairChar(char c) {
    return c == '\t' || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
  }

  private static String unescape(CharSequence text, int from, int to) {
    StringBuilder unescaped = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
        c = text.charAt(i);
      }
      unescaped.append(c);
    }
    return unescaped.toString();
  }
}
