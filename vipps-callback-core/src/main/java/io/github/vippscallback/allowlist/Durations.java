package io.github.vippscallback.allowlist;

import java.time.Duration;

/** Writes durations the way operators read them in logs: {@code 2s}, {@code 500ms}, {@code 1h 30m}. */
final class Durations {

  private Durations() {}

  static String describe(Duration duration) {
    if (duration.isNegative()) {
      return "-" + describe(duration.negated());
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    long days = duration.toDays();
    int hours = duration.toHoursPart();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    StringBuilder text = new StringBuilder();
    append(text, days, "d");
    append(text, hours, "h");
    append(text, minutes, "m");
    if (millis != 0 && days == 0 && hours == 0 && minutes == 0) {
      text.append(text.length() == 0 ? "" : " ").append(seconds).append('.')
          .append(String.format(java.util.Locale.ROOT, "%03d", millis)).append('s');
    } else {
      append(text, seconds, "s");
    }
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(text.length() == 0 ? "" : " ").append(amount).append(unit);
    }
  }
}
