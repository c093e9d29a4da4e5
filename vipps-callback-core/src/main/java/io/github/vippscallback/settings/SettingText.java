package io.github.vippscallback.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of text settings (init-parameters, properties, command-line flags) and writes them back
 * the way a user writes them: durations ({@code 500ms}, {@code 2s}, {@code 5m}, {@code 24h}, {@code 1d} or
 * ISO-8601), sizes ({@code 65536}, {@code 64KB}, {@code 1MB}) and comma-separated lists. Every refusal is an
 * {@link IllegalArgumentException} whose message quotes the text and says what is valid; the caller puts the
 * setting's own name (init-parameter, property or flag) in front.
 */
public final class SettingText {

  /** What a valid duration looks like, for error messages. */
  public static final String DURATION =
      "a whole number with a unit ms, s, m, h or d (e.g. 500ms, 2s, 5m, 24h, 1d) or ISO-8601 (e.g. PT2S)";

  /** What a valid size looks like, for error messages. */
  public static final String SIZE = "a whole number of bytes, optionally with a unit B, KB or MB (e.g. 65536, 64KB, 1MB)";

  /** What a valid boolean looks like, for error messages. */
  public static final String BOOLEAN = "true or false";

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  private SettingText() {}

  /**
   * Parses a duration, ignoring surrounding white space and the case of the unit.
   *
   * @param text a duration such as {@code 10m}, {@code 500ms} or an ISO-8601 {@code PT10M}
   * @return the duration, zero or positive
   * @throws IllegalArgumentException quoting {@code text} and naming {@link #DURATION}, when it is not a
   *     duration or is negative
   */
  public static Duration duration(String text) {
    String trimmed = text.trim();
    Duration duration;
    try {
      if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
        duration = Duration.parse(trimmed);
      } else {
        Matcher matcher = SIMPLE_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
          throw new IllegalArgumentException("'" + text + "' is not a duration; valid: " + DURATION);
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
      throw new IllegalArgumentException("'" + text + "' is not a duration; valid: " + DURATION, e);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative; valid: " + DURATION);
    }
    return duration;
  }

  /**
   * A duration as a user writes it: the largest unit that says it exactly ({@code 10m}, {@code 24h},
   * {@code 500ms}), so a message repeats {@code 10m} rather than {@code PT10M}. Nanoseconds below a
   * millisecond fall back to ISO-8601.
   *
   * @param duration the duration to show
   * @return the duration as a setting's text, e.g. {@code 10m}
   */
  public static String show(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }

  /**
   * Parses a size in bytes ({@code 65536}, {@code 64KB}, {@code 1MB}; binary units, any case) from 1 to
   * {@code max}.
   *
   * @param text the size to parse
   * @param max the largest size allowed, in bytes
   * @return the size in bytes, from 1 to {@code max}
   * @throws IllegalArgumentException quoting {@code text} and naming {@link #SIZE} and the limits
   */
  public static int size(String text, int max) {
    String value = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (value.endsWith("KB")) {
      unit = 1024;
      value = value.substring(0, value.length() - 2);
    } else if (value.endsWith("MB")) {
      unit = 1024 * 1024;
      value = value.substring(0, value.length() - 2);
    } else if (value.endsWith("B")) {
      value = value.substring(0, value.length() - 1);
    }
    String valid = "; valid: " + SIZE + ", from 1 to " + max + " bytes";
    long size;
    try {
      size = Math.multiplyExact(Long.parseLong(value.trim()), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a size" + valid, e);
    }
    if (size < 1 || size > max) {
      throw new IllegalArgumentException("'" + text + "' is out of range" + valid);
    }
    return (int) size;
  }

  /**
   * Splits a comma-separated list, trimming the items and leaving out empty ones.
   *
   * @param text the comma-separated list
   * @return the trimmed, non-empty items in order; empty when there are none
   */
  public static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      String trimmed = item.trim();
      if (!trimmed.isEmpty()) {
        items.add(trimmed);
      }
    }
    return List.copyOf(items);
  }

  /**
   * Parses {@code true} or {@code false}, ignoring case and surrounding white space; nothing else.
   *
   * @param text the text to parse
   * @return the boolean {@code text} names
   * @throws IllegalArgumentException quoting {@code text} and naming {@link #BOOLEAN}, for anything else
   */
  public static boolean bool(String text) {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("true")) {
      return true;
    }
    if (trimmed.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("'" + text + "' is not a boolean; valid: " + BOOLEAN);
  }
}
