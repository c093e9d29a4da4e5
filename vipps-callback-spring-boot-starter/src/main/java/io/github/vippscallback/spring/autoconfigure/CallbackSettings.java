package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.spring.VippsAllowlistBuilderCustomizer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link VippsCallbackProperties} into core objects, and every bad value into a
 * {@link VippsCallbackConfigurationException} that names the property (with its index) and the value.
 */
final class CallbackSettings {

  // The names other classes of the starter use; every name, default and valid value is the core's table.
  static final String ENVIRONMENT = Setting.ENVIRONMENT.property();
  static final String DNS_SERVERS = Setting.DNS_SERVERS.property();
  static final String DNS_ACCEPT_SPECIAL_PURPOSE_ADDRESSES = Setting.ACCEPT_SPECIAL_PURPOSE_ADDRESSES.property();
  static final String PATHS = Setting.PATHS.property();

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackAutoConfiguration.class);

  private CallbackSettings() {}

  /**
   * The environment {@code vipps.callback.environment} names (bound by {@link PropertyTypes}).
   *
   * @throws VippsCallbackConfigurationException when it is not set
   */
  static VippsEnvironment environment(VippsCallbackProperties properties) {
    VippsEnvironment environment = properties.getEnvironment();
    if (environment == null) {
      throw notChosen(null);
    }
    return environment;
  }

  /**
   * The environment a text of {@code vipps.callback.environment} names, for checks that run where the
   * properties are not bound; parsed and worded exactly as the binder does ({@link PropertyTypes}).
   *
   * @throws VippsCallbackConfigurationException when it is blank or not a Vipps environment
   */
  static VippsEnvironment environment(String value) {
    if (value.isBlank()) {
      throw notChosen(value);
    }
    PropertyTypes.Type type = java.util.Objects.requireNonNull(PropertyTypes.of(VippsEnvironment.class));
    try {
      return (VippsEnvironment) type.parse().apply(value.strip());
    } catch (IllegalArgumentException e) {
      throw PropertyBindFailures.refused(ENVIRONMENT, value, type, false, e);
    }
  }

  private static VippsCallbackConfigurationException notChosen(@Nullable String value) {
    return new VippsCallbackConfigurationException(ENVIRONMENT, value,
        "the Vipps environment must be chosen explicitly", Setting.ENVIRONMENT.validValues(), null);
  }

  static ClientAddressResolver clientAddressResolver(VippsCallbackProperties properties) {
    List<String> proxies = texts(properties.getTrustedProxies());
    try {
      return proxies.isEmpty()
          ? ClientAddressResolver.ignoringForwardedHeaders()
          : ClientAddressResolver.trusting(proxies);
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(Setting.TRUSTED_PROXIES.property(), String.join(",", proxies),
          message(e), Setting.TRUSTED_PROXIES.validValues(), e);
    }
  }

  /**
   * The request guard of every web stack, with {@code vipps.callback.retry-after} as the {@code Retry-After}
   * of a 503. The guard checks it (at least 1 second); a bad one names the property.
   */
  static CallbackGuard callbackGuard(VippsAllowlist allowlist, ClientAddressResolver resolver,
      CallbackObserver observer, EnforcementMode mode, VippsCallbackProperties properties, TypedValues typed) {
    Duration retryAfter = properties.getRetryAfter();
    try {
      return CallbackGuard.of(allowlist, resolver, observer, retryAfter, mode);
    } catch (IllegalArgumentException e) {
      String property = Setting.RETRY_AFTER.property();
      throw new VippsCallbackConfigurationException(property, typed.of(property, retryAfter),
          property + " must be at least 1s", Setting.RETRY_AFTER.validValues(), e);
    }
  }

  static VippsAllowlist allowlist(VippsCallbackProperties properties) {
    return allowlist(properties, List.of(), TypedValues.BOUND);
  }

  /**
   * Builds the allowlist from the properties, then lets each customizer, in order, change the builder; a bad
   * value is shown as {@code typed}.
   */
  static VippsAllowlist allowlist(VippsCallbackProperties properties,
      List<VippsAllowlistBuilderCustomizer> customizers, TypedValues typed) {
    VippsEnvironment environment = environment(properties);
    VippsCallbackProperties.Dns dns = properties.getDns();
    checkEach(Setting.DNS_SERVERS, dns.getServers(),
        server -> VippsAllowlist.builder(environment).dnsServers(List.of(server)));
    VippsAllowlist.Builder builder = VippsAllowlist.builder(environment);
    set(Setting.DNS_SERVERS, String.join(",", dns.getServers()), () -> builder.dnsServers(dns.getServers()));
    List<String> additional = texts(properties.getAdditionalAddresses());
    set(Setting.ADDITIONAL_ADDRESSES, String.join(",", additional), () -> builder.additionalAddresses(additional));
    set(Setting.ADDITIONAL_HOSTS, String.join(",", properties.getAdditionalHosts()),
        () -> builder.additionalHosts(properties.getAdditionalHosts()));
    set(Setting.DNS_TIMEOUT, typed, dns.getTimeout(), () -> builder.queryTimeout(dns.getTimeout()));
    set(Setting.MIN_TTL, typed, dns.getMinTtl(), () -> builder.minTtl(dns.getMinTtl()));
    set(Setting.MAX_TTL, typed, dns.getMaxTtl(), () -> builder.maxTtl(dns.getMaxTtl()));
    set(Setting.MAX_STALE, typed, dns.getMaxStale(), () -> builder.maxStale(dns.getMaxStale()));
    if (dns.isAcceptSpecialPurposeAddresses()) {
      LOG.warn("Vipps callbacks: {}=true: DNS answers may bring loopback, private, link-local and other"
          + " special-purpose addresses into the allowlist of request servers. For local testing only: in"
          + " production such an answer comes from a broken or hostile resolver, and behind a local reverse"
          + " proxy it lets every caller count as Vipps.", DNS_ACCEPT_SPECIAL_PURPOSE_ADDRESSES);
      builder.acceptSpecialPurposeAddresses(true);
    }
    for (VippsAllowlistBuilderCustomizer customizer : customizers) {
      customizer.customize(builder);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String min = Setting.MIN_TTL.property();
      String max = Setting.MAX_TTL.property();
      String minTtl = typed.of(min, dns.getMinTtl());
      String maxTtl = typed.of(max, dns.getMaxTtl());
      throw new VippsCallbackConfigurationException(min + " / " + max, minTtl + " / " + maxTtl,
          min + " (" + minTtl + ") must not be greater than " + max + " (" + maxTtl + ")",
          Setting.MIN_TTL.validValues(), e);
    }
  }

  private static void checkEach(Setting setting, List<String> values, Consumer<String> check) {
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      try {
        check.accept(value);
      } catch (IllegalArgumentException e) {
        throw new VippsCallbackConfigurationException(
            setting.property() + "[" + i + "]", value, message(e), setting.validValues(), e);
      }
    }
  }

  /** Bound ranges as the core's builders take them (each range's canonical text, which they parse again). */
  private static List<String> texts(List<IpRange> ranges) {
    List<String> texts = new java.util.ArrayList<>(ranges.size());
    for (IpRange range : ranges) {
      texts.add(range.toString());
    }
    return texts;
  }

  private static void set(Setting setting, TypedValues typed, Object bound, Runnable setter) {
    set(setting, typed.of(setting.property(), bound), setter);
  }

  private static void set(Setting setting, String value, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(
          setting.property(), value, reason(setting.property(), e), setting.validValues(), e);
    }
  }

  /**
   * The core's reason in the words of the property: {@code query-timeout must be positive, was PT0S} becomes
   * {@code vipps.callback.dns.timeout must be positive} (the value, as typed, is shown beside it).
   */
  static String reason(String property, IllegalArgumentException e) {
    String message = message(e);
    int must = message.indexOf(" must ");
    if (must > 0 && message.indexOf(' ') == must) {
      message = property + message.substring(must);
    }
    int was = message.lastIndexOf(", was ");
    return was > 0 ? message.substring(0, was) : message;
  }

  private static String message(IllegalArgumentException e) {
    @Nullable String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
