package io.github.vippscallback.address;

/**
 * Quotes a hostile value for an error message or log line: control and non-ASCII characters are
 * escaped (so CR/LF cannot forge log lines) and very long values are cut short.
 */
final class QuotedValue {

  private static final int MAX_SHOWN = 200;

  private QuotedValue() {}

  /** {@code value} in double quotes, escaped, at most {@value #MAX_SHOWN} characters of it. */
  static String of(CharSequence value) {
    int shown = Math.min(value.length(), MAX_SHOWN);
    StringBuilder text = new StringBuilder(shown + 2).append('"');
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        text.append(c);
      } else {
        text.append(String.format("\\u%04x", (int) c));
      }
    }
    text.append('"');
    if (value.length() > shown) {
      text.append("... (").append(value.length()).append(" characters)");
    }
    return text.toString();
  }
}
