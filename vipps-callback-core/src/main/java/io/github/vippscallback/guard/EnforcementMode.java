package io.github.vippscallback.guard;

import java.util.Locale;

/**
 * Whether a check refuses what fails it ({@link #ENFORCE}, the default) or only reports it ({@link
 * #REPORT_ONLY}). In report-only mode every check still runs, is logged and told to the observers
 * exactly as when enforcing, but the request goes through: a rollout can be watched before a wrong
 * denial stalls Vipps' ordered retry queue for a payment.
 */
public enum EnforcementMode {
  /** Refuse a request that fails the check (403, 503, 401 or 413). The default. */
  ENFORCE("enforce"),
  /** Log and count a request that fails the check as if refused, but let it through. */
  REPORT_ONLY("report-only");

  /** The valid configuration values, for error messages. */
  static final String VALID_VALUES = "enforce, report-only";

  private final String value;

  EnforcementMode(String value) {
    this.value = value;
  }

  /**
   * The configuration value: {@code enforce} or {@code report-only}.
   *
   * @return the value that names this mode in configuration
   */
  public String value() {
    return value;
  }

  /**
   * The valid configuration values, for error messages: {@code enforce, report-only}.
   *
   * @return the valid values, comma-separated
   */
  public static String validValues() {
    return VALID_VALUES;
  }

  /**
   * Whether a request that fails the check is refused.
   *
   * @return {@code true} for {@link #ENFORCE}, {@code false} for {@link #REPORT_ONLY}
   */
  public boolean enforces() {
    return this == ENFORCE;
  }

  /**
   * The mode named by a configuration value, {@code enforce} or {@code report-only}, in any case and
   * with surrounding spaces ignored.
   *
   * @param value the configuration value
   * @return the mode it names
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static EnforcementMode parse(String value) {
    String normalised = value.trim().toLowerCase(Locale.ROOT);
    for (EnforcementMode mode : values()) {
      if (mode.value.equals(normalised)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("'" + HostileText.sanitize(value) + "' is not a mode; valid: " + VALID_VALUES);
  }
}
