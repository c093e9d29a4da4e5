package io.github.vippscallback.samples.servlet;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The sample's settings, from system properties, e.g. {@code -Dvipps.callback.environment=prod}:
 * the same names {@code web.xml} reads through Tomcat's {@code ${name:-default}} replacement.
 *
 * @param port {@code server.port}, default 8080; 0 picks a free port
 * @param environment {@code vipps.callback.environment}, default {@code test}
 * @param dnsServers {@code vipps.callback.dns-servers}, comma-separated; default: the system's resolvers
 * @param additionalAddresses {@code vipps.callback.additional-addresses}, comma-separated, e.g.
 *     {@code 127.0.0.1,::1} to try the sample on your own machine
 * @param trustedProxies {@code vipps.callback.trusted-proxies}, comma-separated addresses or CIDRs
 * @param acceptSpecialPurposeAddresses {@code vipps.callback.accept-special-purpose-addresses}, {@code true}
 *     or {@code false} (default): whether DNS may answer loopback and other special-purpose addresses, for
 *     local testing only
 */
record SampleSettings(
    int port,
    String environment,
    List<String> dnsServers,
    List<String> additionalAddresses,
    List<String> trustedProxies,
    boolean acceptSpecialPurposeAddresses) {

  static final String PORT = "server.port";
  static final String ENVIRONMENT = "vipps.callback.environment";
  static final String DNS_SERVERS = "vipps.callback.dns-servers";
  static final String ADDITIONAL_ADDRESSES = "vipps.callback.additional-addresses";
  static final String TRUSTED_PROXIES = "vipps.callback.trusted-proxies";
  static final String ACCEPT_SPECIAL_PURPOSE_ADDRESSES = "vipps.callback.accept-special-purpose-addresses";

  SampleSettings {
    dnsServers = List.copyOf(dnsServers);
    additionalAddresses = List.copyOf(additionalAddresses);
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** Reads the settings from {@code properties}, e.g. {@code System::getProperty}. */
  static SampleSettings from(UnaryOperator<String> properties) {
    String port = orDefault(properties.apply(PORT), "8080");
    try {
      return new SampleSettings(
          Integer.parseInt(port.trim()),
          orDefault(properties.apply(ENVIRONMENT), "test"),
          list(properties.apply(DNS_SERVERS)),
          list(properties.apply(ADDITIONAL_ADDRESSES)),
          list(properties.apply(TRUSTED_PROXIES)),
          bool(ACCEPT_SPECIAL_PURPOSE_ADDRESSES, orDefault(properties.apply(ACCEPT_SPECIAL_PURPOSE_ADDRESSES), "false")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT + " '" + port + "' is not a port number; valid values are 0..65535", e);
    }
  }

  private static boolean bool(String name, String value) {
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " '" + value + "' is not a boolean; valid values are true and false");
    };
  }

  private static String orDefault(@org.jspecify.annotations.Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static List<String> list(@org.jspecify.annotations.Nullable String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
  }
}
