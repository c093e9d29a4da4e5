package io.github.vippscallback.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code vipps.callback.*} property is missing or bad, so the application must not start: guarding
 * callbacks with a wrong setting would either lock Vipps out or let others in. Spring Boot's failure
 * analysis turns it into a message naming the property, the bad value and the valid values.
 */
public final class VippsCallbackConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The full property name. */
  private final String property;
  /** The bad value, or {@code null} when the property is not set. */
  private final @Nullable String value;
  /** Why the value is bad. */
  private final String reason;
  /** What the property accepts. */
  private final String validValues;

  /**
   * Creates the exception.
   *
   * @param property the full property name, e.g. {@code vipps.callback.environment}
   * @param value the bad value, or {@code null} when the property is not set
   * @param reason why the value is bad
   * @param validValues what the property accepts, for the suggested action
   * @param cause the underlying error, if any
   */
  public VippsCallbackConfigurationException(
      String property, @Nullable String value, String reason, String validValues, @Nullable Throwable cause) {
    super(message(property, value, reason, validValues), cause);
    this.property = property;
    this.value = value;
    this.reason = reason;
    this.validValues = validValues;
  }

  /**
   * The full property name, e.g. {@code vipps.callback.environment}.
   *
   * @return the property's name
   */
  public String property() {
    return property;
  }

  /**
   * The bad value, or {@code null} when the property is not set.
   *
   * @return the value as configured, or {@code null}
   */
  public @Nullable String value() {
    return value;
  }

  /**
   * Why the value is bad.
   *
   * @return the reason, for the failure analysis
   */
  public String reason() {
    return reason;
  }

  /**
   * What the property accepts.
   *
   * @return the valid values, for the failure analysis
   */
  public String validValues() {
    return validValues;
  }

  private static String message(String property, @Nullable String value, String reason, String validValues) {
    return (value == null ? property + " is not set" : property + " is '" + value + "'")
        + ": " + reason + "; valid: " + validValues;
  }
}
