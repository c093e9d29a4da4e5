package io.github.vippscallback.servlet;

import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ADDITIONAL_ADDRESSES;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ADDITIONAL_HOSTS;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_DNS_SERVERS;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_DNS_TIMEOUT;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ENVIRONMENT;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_MAX_STALE;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_MAX_TTL;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_MIN_TTL;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_MODE;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_RETRY_AFTER;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_TRUSTED_PROXIES;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.settings.SettingText;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link VippsCallbackFilter}'s init-parameters, each value through {@link SettingText} or the
 * parser of its core type, into an allowlist (built, not started), a
 * client-address resolver, a {@code Retry-After} and a mode. Any missing, bad or unknown init-parameter is a
 * {@link ServletException} whose message names the filter, the parameter, the bad value and what is valid.
 */
final class InitParameters {

  /** Every init-parameter the filter reads, in documentation order. */
  static final List<String> NAMES = List.of(
      PARAM_ENVIRONMENT,
      PARAM_TRUSTED_PROXIES,
      PARAM_DNS_SERVERS,
      PARAM_DNS_TIMEOUT,
      PARAM_MIN_TTL,
      PARAM_MAX_TTL,
      PARAM_MAX_STALE,
      PARAM_ADDITIONAL_HOSTS,
      PARAM_ADDITIONAL_ADDRESSES,
      PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES,
      PARAM_RETRY_AFTER,
      PARAM_MODE);

  static final String ADDRESS_LIST_FORMAT = "comma-separated, each " + IpRange.FORMAT;
  static final String DNS_SERVER_LIST_FORMAT = "comma-separated, each " + VippsAllowlist.DNS_SERVER_FORMAT;
  static final String HOST_LIST_FORMAT = "comma-separated, each " + VippsAllowlist.HOST_FORMAT;

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
    VippsEnvironment environment = environment();
    VippsAllowlist.Builder builder = VippsAllowlist.builder(environment);

    List<String> dnsServers = list(PARAM_DNS_SERVERS);
    if (!dnsServers.isEmpty()) {
      apply(PARAM_DNS_SERVERS, DNS_SERVER_LIST_FORMAT, () -> builder.dnsServers(dnsServers));
    }
    Duration dnsTimeout = duration(PARAM_DNS_TIMEOUT);
    if (dnsTimeout != null) {
      apply(PARAM_DNS_TIMEOUT, SettingText.DURATION, () -> builder.queryTimeout(dnsTimeout));
    }
    Duration minTtl = duration(PARAM_MIN_TTL);
    if (minTtl != null) {
      apply(PARAM_MIN_TTL, "at least 1s; " + SettingText.DURATION, () -> builder.minTtl(minTtl));
    }
    Duration maxTtl = duration(PARAM_MAX_TTL);
    if (maxTtl != null) {
      apply(PARAM_MAX_TTL, SettingText.DURATION, () -> builder.maxTtl(maxTtl));
    }
    Duration effectiveMin = minTtl != null ? minTtl : VippsAllowlist.DEFAULT_MIN_TTL;
    Duration effectiveMax = maxTtl != null ? maxTtl : VippsAllowlist.DEFAULT_MAX_TTL;
    if (effectiveMin.compareTo(effectiveMax) > 0) {
      throw new ServletException(prefix() + "init-parameter '" + PARAM_MIN_TTL + "' ("
          + describe(PARAM_MIN_TTL, effectiveMin) + ") is above '" + PARAM_MAX_TTL + "' ("
          + describe(PARAM_MAX_TTL, effectiveMax) + "); valid: min-ttl at most max-ttl");
    }
    Duration maxStale = duration(PARAM_MAX_STALE);
    if (maxStale != null) {
      apply(PARAM_MAX_STALE, SettingText.DURATION, () -> builder.maxStale(maxStale));
    }
    List<String> additionalHosts = list(PARAM_ADDITIONAL_HOSTS);
    if (!additionalHosts.isEmpty()) {
      apply(PARAM_ADDITIONAL_HOSTS, HOST_LIST_FORMAT, () -> builder.additionalHosts(additionalHosts));
    }
    List<String> additionalAddresses = list(PARAM_ADDITIONAL_ADDRESSES);
    if (!additionalAddresses.isEmpty()) {
      apply(PARAM_ADDITIONAL_ADDRESSES, ADDRESS_LIST_FORMAT,
          () -> builder.additionalAddresses(additionalAddresses));
    }
    String acceptSpecialPurpose = config.getInitParameter(PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES);
    if (acceptSpecialPurpose != null) {
      builder.acceptSpecialPurposeAddresses(
          parse(PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, SettingText.BOOLEAN, SettingText::bool));
    }
    List<String> trustedProxies = list(PARAM_TRUSTED_PROXIES);
    ClientAddressResolver resolver = trustedProxies.isEmpty()
        ? ClientAddressResolver.ignoringForwardedHeaders()
        : parse(PARAM_TRUSTED_PROXIES, ADDRESS_LIST_FORMAT,
            raw -> ClientAddressResolver.trusting(trustedProxies));
    Duration retryAfter = duration(PARAM_RETRY_AFTER);
    if (retryAfter == null) {
      retryAfter = VippsRequestGuard.DEFAULT_RETRY_AFTER;
    } else {
      Duration given = retryAfter;
      apply(PARAM_RETRY_AFTER, "at least 1s; " + SettingText.DURATION,
          () -> CallbackGuard.checkRetryAfter(given));
    }
    String modeValue = config.getInitParameter(PARAM_MODE);
    EnforcementMode mode = modeValue == null
        ? EnforcementMode.ENFORCE
        : parse(PARAM_MODE, EnforcementMode.validValues(), EnforcementMode::parse);
    VippsAllowlist allowlist;
    try {
      allowlist = builder.build();
    } catch (IllegalArgumentException e) {
      throw new ServletException(prefix() + "the init-parameters contradict each other: " + e.getMessage(), e);
    }
    return new Settings(allowlist, resolver, retryAfter, mode);
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
      String suggestion = closestName(name);
      if (suggestion != null) {
        message.append(" (did you mean '").append(suggestion).append("'?)");
      }
    }
    message.append("; valid init-parameters: ").append(String.join(", ", NAMES));
    throw new ServletException(message.toString());
  }

  private VippsEnvironment environment() throws ServletException {
    String value = config.getInitParameter(PARAM_ENVIRONMENT);
    if (value == null || value.isBlank()) {
      throw new ServletException(prefix() + "init-parameter '" + PARAM_ENVIRONMENT
          + "' is missing; valid values: " + VippsEnvironment.validValues());
    }
    return parse(PARAM_ENVIRONMENT, VippsEnvironment.validValues(), VippsEnvironment::parse);
  }

  private @Nullable Duration duration(String name) throws ServletException {
    String value = config.getInitParameter(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    return parse(name, SettingText.DURATION, SettingText::duration);
  }

  private List<String> list(String name) {
    String value = config.getInitParameter(name);
    return value == null ? List.of() : SettingText.list(value);
  }

  private <T> T parse(String name, String valid, Function<String, T> parser) throws ServletException {
    String value = config.getInitParameter(name);
    try {
      return parser.apply(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw bad(name, value, valid, e);
    }
  }

  private void apply(String name, String valid, Runnable setter) throws ServletException {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw bad(name, config.getInitParameter(name), valid, e);
    }
  }

  private ServletException bad(String name, @Nullable String value, String valid, IllegalArgumentException e) {
    String why = String.valueOf(e.getMessage());
    return new ServletException(prefix() + "init-parameter '" + name + "' has the bad value '" + value
        + "': " + why + (why.contains(valid) ? "" : "; valid: " + valid), e);
  }

  private String describe(String name, Duration effective) {
    String value = config.getInitParameter(name);
    return value == null || value.isBlank() ? "default " + SettingText.show(effective) : "'" + value.trim() + "'";
  }

  private String prefix() {
    return "VippsCallbackFilter '" + config.getFilterName() + "': ";
  }

  /** The known name closest to a misspelt one, or {@code null} when none is close. */
  static @Nullable String closestName(String name) {
    String best = null;
    int bestDistance = 4; // suggest only names at most 3 edits away
    for (String known : NAMES) {
      int distance = editDistance(name.toLowerCase(Locale.ROOT), known);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
