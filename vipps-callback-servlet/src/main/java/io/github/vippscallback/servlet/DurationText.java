package io.github.vippscallback.servlet;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of init-parameters: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 24h}, {@code 1d} or ISO-8601. */
final class DurationText {

  /** What a valid duration looks like, for error messages. */
  static final String FORMAT =
      "a whole number with a unit ms, s, m, h or d (e.g. 500ms, 2s, 5m, 24h, 1d) or ISO-8601 (e.g. PT2S)";

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  private DurationText() {}

  /**
   * Parses {@code text}, ignoring surrounding white space and the case of the unit.
   *
   * @throws IllegalArgumentException saying why and what is valid, when it is not a duration or is negative
   */
  static Duration parse(String text) {
    String trimmed = text.trim();
    Duration duration;
    try {
      if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
        duration = Duration.parse(trimmed);
      } else {
        Matcher matcher = SIMPLE.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
          throw new IllegalArgumentException("'" + text + "' is not a duration; valid: " + FORMAT);
        }
        long amount = Long.parseLong(matcher.group(1));
        duration = switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; valid: " + FORMAT, e);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative; valid: " + FORMAT);
    }
    return duration;
  }
}
