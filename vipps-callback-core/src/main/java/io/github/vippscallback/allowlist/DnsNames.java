package io.github.vippscallback.allowlist;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Validates configured host names as DNS host names (letters, digits, hyphens, dots); {@link
 * DnsQuerier#absolute} turns them into absolute names, so that no search domain is ever appended. No lookup
 * happens here, and no dnsjava class is needed: this runs on the thread that builds the allowlist.
 */
final class DnsNames {

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private DnsNames() {}

  /**
   * The lower-cased host name without a trailing dot, e.g. {@code callback-1.vipps.no}.
   *
   * @param setting the setting the value came from, for the error message
   * @throws IllegalArgumentException naming the setting and the value when it is not a host name
   */
  static String normalize(String setting, @Nullable String value) {
    if (value == null) {
      throw new IllegalArgumentException(setting + " must not contain null");
    }
    String name = value.strip().toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    @Nullable String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          setting + " entry '" + value + "' is not a DNS host name (" + problem
              + "); write a name such as callback-1.vipps.no, without scheme, port or path");
    }
    return name;
  }

  private static @Nullable String problem(String name) {
    if (name.isEmpty()) {
      return "empty";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "longer than " + MAX_NAME_LENGTH + " characters";
    }
    int labelStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '.') {
        int length = i - labelStart;
        if (length == 0) {
          return "empty label";
        }
        if (length > MAX_LABEL_LENGTH) {
          return "label longer than " + MAX_LABEL_LENGTH + " characters";
        }
        if (name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
          return "label starts or ends with a hyphen";
        }
        labelStart = i + 1;
        continue;
      }
      char c = name.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!allowed) {
        return "character '" + c + "' is not a letter, digit, hyphen or dot";
      }
    }
    return null;
  }
}
