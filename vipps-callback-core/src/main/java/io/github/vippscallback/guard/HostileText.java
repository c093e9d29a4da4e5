package io.github.vippscallback.guard;

import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Makes request-derived text (header values, paths, addresses) safe to put in a log line: control
 * characters, line and paragraph separators and bidirectional-override characters are shown as
 * {@code \\uXXXX}, quotes and backslashes are escaped, and long values are cut short. Headers are
 * hostile: without this an attacker could forge log lines with CR/LF or hide text.
 */
final class HostileText {

  /** The most characters of one value put in a log line. */
  static final int MAX_LENGTH = 256;

  /** Shown for a missing value. */
  static final String ABSENT = "-";

  private HostileText() {}

  /** The value made safe and cut to {@link #MAX_LENGTH}; {@link #ABSENT} for {@code null}. */
  static String sanitize(@Nullable String value) {
    return value == null ? ABSENT : sanitize(value, MAX_LENGTH);
  }

  /** Every value of a header joined by {@code ", "}, made safe and cut short; {@link #ABSENT} for none. */
  static String sanitizeAll(@Nullable Enumeration<String> values) {
    return values == null ? ABSENT : sanitizeAll(values.asIterator());
  }

  /** Every value of a header joined by {@code ", "}, made safe and cut short; {@link #ABSENT} for none. */
  static String sanitizeAll(List<String> values) {
    return sanitizeAll(values.iterator());
  }

  private static String sanitizeAll(Iterator<String> values) {
    if (!values.hasNext()) {
      return ABSENT;
    }
    StringBuilder joined = new StringBuilder();
    while (values.hasNext()) {
      String value = values.next();
      if (joined.length() > 0) {
        joined.append(", ");
      }
      // Stop collecting once the cut-off is passed: a flood of header lines costs nothing more.
      if (joined.length() > MAX_LENGTH) {
        joined.append("...");
        break;
      }
      joined.append(value == null ? "" : value);
    }
    return sanitize(joined.toString(), MAX_LENGTH);
  }

  static String sanitize(String value, int maxLength) {
    int length = value.length();
    StringBuilder safe = new StringBuilder(Math.min(length, maxLength) + 16);
    int i = 0;
    for (; i < length && safe.length() < maxLength; i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
        safe.append(c).append(value.charAt(++i));
      } else if (c == '"' || c == '\\') {
        safe.append('\\').append(c);
      } else if (isUnsafe(c)) {
        safe.append(String.format("\\u%04x", (int) c));
      } else {
        safe.append(c);
      }
    }
    if (i < length) {
      safe.append("...(").append(length - i).append(" more chars)");
    }
    return safe.toString();
  }

  private static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c < 0xa0) // DEL and the C1 controls (NEL among them)
        || c == 0x2028 || c == 0x2029 // line and paragraph separators
        || (c >= 0x200b && c <= 0x200f) // zero-width characters and directional marks
        || (c >= 0x202a && c <= 0x202e) // bidirectional embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // bidirectional isolates
        || c == 0xfeff
        || Character.isSurrogate(c); // a lone surrogate
  }
}
