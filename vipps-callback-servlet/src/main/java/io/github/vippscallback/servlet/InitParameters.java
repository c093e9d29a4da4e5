package io.github.vippscallback.servlet;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.settings.SettingException;
import io.github.vippscallback.settings.SettingReader;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link VippsCallbackFilter}'s init-parameters through the core's settings table ({@link
 * SettingReader}) into an allowlist (built, not started), a client-address resolver, a {@code Retry-After}
 * and a mode. Any missing, bad or unknown init-parameter is a {@link ServletException} whose message names
 * the filter, the parameter, the bad value and what is valid.
 */
final class InitParameters {

  /** Every init-parameter the filter reads, in the table's order. */
  static final List<String> NAMES = Setting.in(Setting.Spelling.INIT_PARAMETER).stream()
      .filter(Setting::configuresAddressCheck)
      .map(setting -> Objects.requireNonNull(setting.nameIn(Setting.Spelling.INIT_PARAMETER)))
      .toList();

  /** What the init-parameters configure. */
  record Settings(
      VippsAllowlist allowlist,
      ClientAddressResolver clientAddressResolver,
      Duration retryAfter,
      EnforcementMode mode) {}

  private final FilterConfig config;

  private InitParameters(FilterConfig config) {
    this.config = config;
  }

  /** Reads and checks every init-parameter of {@code config}. */
  static Settings read(FilterConfig config) throws ServletException {
    return new InitParameters(config).read();
  }

  /** The names among {@code config}'s init-parameters that this filter reads. */
  static List<String> knownNamesPresent(FilterConfig config) {
    List<String> present = new ArrayList<>();
    for (String name : Collections.list(config.getInitParameterNames())) {
      if (NAMES.contains(name)) {
        present.add(name);
      }
    }
    return present;
  }

  private Settings read() throws ServletException {
    rejectUnknownNames();
    SettingReader reader = SettingReader.of(Setting.Spelling.INIT_PARAMETER, config::getInitParameter);
    VippsAllowlist.Builder builder;
    ClientAddressResolver resolver;
    Duration retryAfter;
    EnforcementMode mode;
    try {
      builder = reader.allowlist();
      resolver = reader.clientAddressResolver();
      retryAfter = reader.retryAfter();
      mode = reader.mode();
    } catch (SettingException e) {
      throw new ServletException(prefix() + describe(e), e);
    }
    try {
      return new Settings(builder.build(), resolver, retryAfter, mode);
    } catch (IllegalArgumentException e) {
      throw new ServletException(prefix() + "the init-parameters contradict each other: " + e.getMessage(), e);
    }
  }

  /** The table's refusal in this filter's words: {@code init-parameter 'x' has the bad value 'y': ...}. */
  static String describe(SettingException e) {
    if (e.missing()) {
      return "init-parameter '" + e.name() + "' is missing; valid values: " + e.validValues();
    }
    String value = e.value();
    return "init-parameter " + (value == null ? "" : "'" + e.name() + "' has the bad value '" + value + "': ")
        + e.reason() + "; valid: " + e.validValues();
  }

  private void rejectUnknownNames() throws ServletException {
    List<String> unknown = new ArrayList<>();
    for (String name : Collections.list(config.getInitParameterNames())) {
      if (!NAMES.contains(name)) {
        unknown.add(name);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder(prefix()).append("unknown init-parameter");
    message.append(unknown.size() == 1 ? " " : "s ");
    for (int i = 0; i < unknown.size(); i++) {
      String name = unknown.get(i);
      message.append(i == 0 ? "" : ", ").append('\'').append(name).append('\'');
      String suggestion = Setting.closest(NAMES, name);
      if (suggestion != null) {
        message.append(" (did you mean '").append(suggestion).append("'?)");
      }
    }
    message.append("; valid init-parameters: ").append(String.join(", ", NAMES));
    throw new ServletException(message.toString());
  }

  private String prefix() {
    return "VippsCallbackFilter '" + config.getFilterName() + "': ";
  }
}
