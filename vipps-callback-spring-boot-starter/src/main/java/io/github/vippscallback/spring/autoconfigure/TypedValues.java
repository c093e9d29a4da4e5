package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.settings.SettingText;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * A setting's value as the user typed it ({@code 10m}, not {@code PT10M}), for messages: the property's text
 * from the {@link Environment} when it is set there, else the bound value written the way a user would
 * write it ({@code 10m}, {@code 500ms}, {@code 64KB}).
 */
final class TypedValues {

  /** Without an environment: the bound values, written as a user would. */
  static final TypedValues BOUND = new TypedValues(null);

  private final @Nullable Environment environment;

  TypedValues(@Nullable Environment environment) {
    this.environment = environment;
  }

  /** {@code property}'s text as typed, or {@code bound} written as a user would. */
  String of(String property, Object bound) {
    Environment current = environment;
    @Nullable String typed = current == null ? null : current.getProperty(property);
    if (typed != null) {
      return typed;
    }
    if (bound instanceof Duration duration) {
      return duration(duration);
    }
    if (bound instanceof DataSize size) {
      return size(size);
    }
    return bound.toString();
  }

  /** E.g. {@code 10m}, {@code 24h}, {@code 1500ms}, {@code -5s}: as {@link SettingText#show}. */
  static String duration(Duration duration) {
    return SettingText.show(duration);
  }

  /** E.g. {@code 64KB}, {@code 11MB}, {@code 100B}: the largest unit that divides it. */
  static String size(DataSize size) {
    long bytes = size.toBytes();
    if (bytes != 0 && bytes % (1024L * 1024 * 1024) == 0) {
      return bytes / (1024L * 1024 * 1024) + "GB";
    }
    if (bytes != 0 && bytes % (1024L * 1024) == 0) {
      return bytes / (1024L * 1024) + "MB";
    }
    if (bytes != 0 && bytes % 1024 == 0) {
      return bytes / 1024 + "KB";
    }
    return bytes + "B";
  }
}
