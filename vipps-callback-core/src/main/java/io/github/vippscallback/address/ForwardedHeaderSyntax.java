package io.github.vippscallback.address;

/**
 * The grammar of the two forwarded headers, as regions of the header text: {@code X-Forwarded-For}
 * entries (an address with an optional port) and RFC 7239 {@code Forwarded} elements ({@code name=value}
 * pairs with tokens and quoted strings, the {@code for} node with its optional port). Every method
 * reads characters in place and answers a region packed as {@code from << 32 | to}, or -1 when the text
 * is not what the grammar allows: no allocation (but {@link #unescape}), no regular expressions, no
 * DNS. Which hop is the client is {@link ClientAddressResolver}'s business, not this class's.
 */
final class ForwardedHeaderSyntax {

  private ForwardedHeaderSyntax() {}

  /**
   * The address region of one X-Forwarded-For entry, packed as {@code from << 32 | to}, or -1 when the
   * entry is not an address (with an optional port).
   */
  static long forwardedForAddress(String value, int from, int to) {
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


  /** What {@link #readElement} packs when the element has no {@code for} parameter. */
  static final int NO_FOR = 0;

  /**
   * Reads the {@code Forwarded} element that starts at {@code from}: semicolon-separated
   * {@code name=value} pairs up to a comma or the end of the line.
   *
   * @return -1 on a syntax error (a bad pair, a control character, a quote left open, a second
   *     {@code for}); else {@code end << 32 | forValue}, where {@code end} is the index of the comma
   *     or the line's length and {@code forValue} is where the {@code for} value starts (after its
   *     opening quote when quoted), or {@link #NO_FOR} (never a value's start: a name and '=' come first)
   */
  static long readElement(String line, int from) {
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
  static int valueEnd(String line, int from) {
    return line.charAt(from - 1) == '"'
        ? quotedStringEnd(line, from, line.length())
        : tokenEnd(line, from, line.length());
  }

  /** The end of the run of tchars starting at {@code from}. */
  static int tokenEnd(String line, int from, int n) {
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
  static int quotedStringEnd(String line, int from, int n) {
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
  static long forwardedNodeAddress(CharSequence text, int from, int to) {
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
  static long bracketedAddress(
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

  static long region(int from, int to) {
    return ((long) from << 32) | to;
  }

  static int indexOf(CharSequence text, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** A decimal port 0..65535, one to five ASCII digits. */
  static boolean isPort(CharSequence text, int from, int to) {
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
  static boolean isNodePort(CharSequence text, int from, int to) {
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

  static boolean isFor(CharSequence text, int from, int to) {
    if (to - from != 3) {
      return false;
    }
    char f = text.charAt(from);
    char o = text.charAt(from + 1);
    char r = text.charAt(from + 2);
    return (f == 'f' || f == 'F') && (o == 'o' || o == 'O') && (r == 'r' || r == 'R');
  }

  static int skipOws(CharSequence text, int from, int to) {
    int i = from;
    while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  static int trimOws(CharSequence text, int from, int to) {
    int i = to;
    while (i > from && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
      i--;
    }
    return i;
  }

  static boolean isAlphaOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** RFC 9110 tchar. */
  static boolean isTchar(char c) {
    if (isAlphaOrDigit(c)) {
      return true;
    }
    return switch (c) {
      case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
      default -> false;
    };
  }

  /** RFC 9110 qdtext: HTAB, SP, visible ASCII except '"' and '\', obs-text. */
  static boolean isQdtext(char c) {
    return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e)
        || (c >= 0x80 && c <= 0xff);
  }

  /** What may follow a backslash in a quoted string: HTAB, SP, VCHAR, obs-text. */
  static boolean isQuotedPairChar(char c) {
    return c == '\t' || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
  }

  static String unescape(CharSequence text, int from, int to) {
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
