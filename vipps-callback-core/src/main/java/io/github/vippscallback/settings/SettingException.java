package io.github.vippscallback.settings;

import org.jspecify.annotations.Nullable;

/**
 * A setting that is missing, has a bad value, or contradicts another, as {@link SettingReader} refuses it:
 * the setting's name as the user wrote it, the value as written, why it is refused and its valid values
 * from {@link Setting}. Its message is the one form every front end shows, e.g. {@code --min-ttl 'soon' is
 * not a duration; valid values look like ...}; a front end may put its own frame around the parts.
 */
public final class SettingException extends IllegalArgumentException {

  /** Version of the serialised form. */
  private static final long serialVersionUID = 1L;

  /** The setting refused. */
  private final Setting setting;
  /** The setting's name as written. */
  private final String name;
  /** The value as written, or {@code null}. */
  private final @Nullable String value;
  /** Why it is refused. */
  private final String reason;

  SettingException(Setting setting, String name, @Nullable String value, String reason,
      @Nullable Throwable cause) {
    super(message(setting, name, value, reason), cause);
    this.setting = setting;
    this.name = name;
    this.value = value;
    this.reason = reason;
  }

  private static String message(Setting setting, String name, @Nullable String value, String reason) {
    // A cross-check names both settings in its reason, a refused secret names its setting there (never the value).
    boolean namedInReason = value == null && !reason.equals(SettingReader.REQUIRED);
    return (namedInReason ? "" : name + " ") + reason + "; valid values "
        + (setting.listsValues() ? "are " : "look like ") + setting.validValues();
  }

  /**
   * The setting refused.
   *
   * @return the setting
   */
  public Setting setting() {
    return setting;
  }

  /**
   * The setting's name as the user wrote it, e.g. {@code min-ttl} or {@code --min-ttl}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The value as written.
   *
   * @return the value, or {@code null} when the setting is missing or contradicts another, and for a webhook
   *     secret, which is never repeated
   */
  public @Nullable String value() {
    return value;
  }

  /**
   * Whether the setting is required and missing.
   *
   * @return {@code true} when it is missing
   */
  public boolean missing() {
    return value == null && reason.equals(SettingReader.REQUIRED);
  }

  /**
   * Why the value is refused, quoting it, e.g. {@code 'soon' is not a duration}.
   *
   * @return the reason, without the valid values
   */
  public String reason() {
    return reason;
  }

  /**
   * What is valid instead: {@link Setting#validValues()}.
   *
   * @return the valid values
   */
  public String validValues() {
    return setting.validValues();
  }
}
