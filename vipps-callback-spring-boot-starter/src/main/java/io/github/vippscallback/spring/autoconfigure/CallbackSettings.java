package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.EnforcementMode;
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

  static final String ENVIRONMENT = VippsCallbackProperties.PREFIX + ".environment";
  static final String TRUSTED_PROXIES = VippsCallbackProperties.PREFIX + ".trusted-proxies";
  static final String ADDITIONAL_ADDRESSES = VippsCallbackProperties.PREFIX + ".additional-addresses";
  static final String ADDITIONAL_HOSTS = VippsCallbackProperties.PREFIX + ".additional-hosts";
  static final String DNS_SERVERS = VippsCallbackProperties.PREFIX + ".dns.servers";
  static final String DNS_TIMEOUT = VippsCallbackProperties.PREFIX + ".dns.timeout";
  static final String DNS_MIN_TTL = VippsCallbackProperties.PREFIX + ".dns.min-ttl";
  static final String DNS_MAX_TTL = VippsCallbackProperties.PREFIX + ".dns.max-ttl";
  static final String DNS_MAX_STALE = VippsCallbackProperties.PREFIX + ".dns.max-stale";
  static final String DNS_ACCEPT_SPECIAL_PURPOSE_ADDRESSES =
      VippsCallbackProperties.PREFIX + ".dns.accept-special-purpose-addresses";
  static final String PATHS = VippsCallbackProperties.PREFIX + ".paths";
  static final String RETRY_AFTER = VippsCallbackProperties.PREFIX + ".retry-after";

  /** What each entry of a list of addresses or ranges may be: one text for every integration. */
  static final String ADDRESS_OR_RANGE = IpRange.FORMAT;
  /** What each DNS server may be: one text for every integration. */
  static final String DNS_SERVER = VippsAllowlist.DNS_SERVER_FORMAT;

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
        "the Vipps environment must be chosen explicitly", VippsEnvironment.validValues(), null);
  }

  static ClientAddressResolver clientAddressResolver(VippsCallbackProperties properties) {
    List<String> proxies = texts(properties.getTrustedProxies());
    try {
      return proxies.isEmpty()
          ? ClientAddressResolver.ignoringForwardedHeaders()
          : ClientAddressResolver.trusting(proxies);
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(
          TRUSTED_PROXIES, String.join(",", proxies), message(e), ADDRESS_OR_RANGE, e);
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
      throw new VippsCallbackConfigurationException(RETRY_AFTER, typed.of(RETRY_AFTER, retryAfter),
          RETRY_AFTER + " must be at least 1s", "a duration of at least 1s, e.g. 60s, 2m or 90 (seconds)", e);
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
    checkEach(DNS_SERVERS, dns.getServers(), DNS_SERVER,
        server -> VippsAllowlist.builder(environment).dnsServers(List.of(server)));
    VippsAllowlist.Builder builder = VippsAllowlist.builder(environment);
    set(DNS_SERVERS, String.join(",", dns.getServers()), DNS_SERVER, () -> builder.dnsServers(dns.getServers()));
    List<String> additional = texts(properties.getAdditionalAddresses());
    set(ADDITIONAL_ADDRESSES, String.join(",", additional), ADDRESS_OR_RANGE,
        () -> builder.additionalAddresses(additional));
    set(ADDITIONAL_HOSTS, String.join(",", properties.getAdditionalHosts()), VippsAllowlist.HOST_FORMAT,
        () -> builder.additionalHosts(properties.getAdditionalHosts()));
    set(DNS_TIMEOUT, typed.of(DNS_TIMEOUT, dns.getTimeout()), "a positive duration, e.g. 2s",
        () -> builder.queryTimeout(dns.getTimeout()));
    set(DNS_MIN_TTL, typed.of(DNS_MIN_TTL, dns.getMinTtl()), "a duration of at least 1s, e.g. 30s",
        () -> builder.minTtl(dns.getMinTtl()));
    set(DNS_MAX_TTL, typed.of(DNS_MAX_TTL, dns.getMaxTtl()), "a duration not below min-ttl, e.g. 5m",
        () -> builder.maxTtl(dns.getMaxTtl()));
    set(DNS_MAX_STALE, typed.of(DNS_MAX_STALE, dns.getMaxStale()), "a duration of zero or more, e.g. 24h",
        () -> builder.maxStale(dns.getMaxStale()));
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
      String minTtl = typed.of(DNS_MIN_TTL, dns.getMinTtl());
      String maxTtl = typed.of(DNS_MAX_TTL, dns.getMaxTtl());
      throw new VippsCallbackConfigurationException(DNS_MIN_TTL + " / " + DNS_MAX_TTL, minTtl + " / " + maxTtl,
          DNS_MIN_TTL + " (" + minTtl + ") must not be greater than " + DNS_MAX_TTL + " (" + maxTtl + ")",
          "min-ttl of at least 1s and not above max-ttl, e.g. 30s / 5m", e);
    }
  }

  private static void checkEach(String property, List<String> values, String valid, Consumer<String> check) {
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      try {
        check.accept(value);
      } catch (IllegalArgumentException e) {
        throw new VippsCallbackConfigurationException(property + "[" + i + "]", value, message(e), valid, e);
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

  private static void set(String property, String value, String valid, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new VippsCallbackConfigurationException(property, value, reason(property, e), valid, e);
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
