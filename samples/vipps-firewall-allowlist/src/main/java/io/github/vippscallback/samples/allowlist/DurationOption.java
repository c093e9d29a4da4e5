package io.github.vippscallback.samples.allowlist;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a duration option: {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 such as {@code PT30S}. */
final class DurationOption {

  private static final Pattern SHORT_FORM = Pattern.compile("([0-9]{1,9})(s|m|h)");

  private DurationOption() {}

  static Duration parse(String option, String value) throws UsageException {
    Matcher shortForm = SHORT_FORM.matcher(value);
    Duration duration;
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      duration = switch (shortForm.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    } else {
      try {
        duration = Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new UsageException(option + " '" + value + "' is not a duration;"
            + " valid values look like 30s, 5m, 1h or PT30S");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new UsageException(option + " '" + value + "' must be longer than zero, e.g. 30s");
    }
    return duration;
  }
}
