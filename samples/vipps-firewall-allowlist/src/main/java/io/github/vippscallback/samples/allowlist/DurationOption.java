package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.settings.SettingText;
import java.time.Duration;

/**
 * Reads a duration flag as the library reads every duration setting ({@link SettingText#duration}):
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms}, {@code 1d} or ISO-8601 such as {@code PT30S}; the
 * tool also refuses zero.
 */
final class DurationOption {

  private DurationOption() {}

  static Duration parse(String option, String value) throws UsageException {
    Duration duration;
    try {
      duration = SettingText.duration(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " '" + value + "' is not a duration; valid values look like 30s, 5m, 1h"
          + " or PT30S (" + SettingText.DURATION + ")");
    }
    if (duration.isZero()) {
      throw new UsageException(option + " '" + value + "' must be longer than zero, e.g. 30s");
    }
    return duration;
  }
}
