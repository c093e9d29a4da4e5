package io.github.vippscallback.allowlist;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A Vipps MobilePay environment: its API server and the request servers Vipps sends callbacks from.
 *
 * <p>The host names are those Vipps publishes; Vipps never publishes their addresses, which is why
 * {@link VippsAllowlist} resolves them through DNS. The disaster-recovery servers are part of
 * {@link #PROD}: Vipps says they are as important as production.
 */
@SuppressWarnings("ImmutableEnumChecker") // requestServers is an unmodifiable List.of(...)
public enum VippsEnvironment {

  /** Production ({@code prod}, alias {@code production}). */
  PROD("prod", "production", URI.create("https://api.vipps.no"),
      List.of("callback-1.vipps.no", "callback-2.vipps.no", "callback-3.vipps.no", "callback-4.vipps.no",
          "callback-dr-1.vipps.no", "callback-dr-2.vipps.no", "callback-dr-3.vipps.no", "callback-dr-4.vipps.no")),

  /** The merchant test environment ({@code test}, alias {@code mt}). */
  TEST("test", "mt", URI.create("https://apitest.vipps.no"),
      List.of("callback-mt-1.vipps.no", "callback-mt-2.vipps.no"));

  private final String id;
  private final String alias;
  private final URI apiBaseUrl;
  private final List<String> requestServers;

  VippsEnvironment(String id, String alias, URI apiBaseUrl, List<String> requestServers) {
    this.id = id;
    this.alias = alias;
    this.apiBaseUrl = apiBaseUrl;
    this.requestServers = requestServers;
  }

  /**
   * Parses an environment name, ignoring case and surrounding white space.
   *
   * @param value {@code prod}, {@code production}, {@code test} or {@code mt}
   * @return the environment
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static VippsEnvironment parse(@Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "Vipps environment must not be " + (value == null ? "null" : "blank")
              + "; valid values are: " + describeValidValues());
    }
    String name = value.strip().toLowerCase(Locale.ROOT);
    for (VippsEnvironment environment : values()) {
      if (environment.id.equals(name) || environment.alias.equals(name)) {
        return environment;
      }
    }
    throw new IllegalArgumentException(
        "Unknown Vipps environment '" + value.strip() + "'; valid values are: " + describeValidValues());
  }

  /**
   * The names {@link #parse} accepts, for error messages: {@code "prod, production, test, mt"}.
   *
   * @return the accepted names, comma-separated
   */
  public static String validValues() {
    return Arrays.stream(values())
        .map(environment -> environment.id + ", " + environment.alias)
        .collect(Collectors.joining(", "));
  }

  private static String describeValidValues() {
    return Arrays.stream(values())
        .map(environment -> environment.id + " (alias " + environment.alias + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * The alias {@link #parse} accepts besides {@link #id()}: {@code production} or {@code mt}.
   *
   * @return the alias of this environment
   */
  public String alias() {
    return alias;
  }

  /**
   * The canonical name: {@code prod} or {@code test}.
   *
   * @return the canonical name of this environment
   */
  public String id() {
    return id;
  }

  /**
   * The API server merchants call, e.g. {@code https://api.vipps.no}.
   *
   * @return the base URL of this environment's API server
   */
  public URI apiBaseUrl() {
    return apiBaseUrl;
  }

  /**
   * The request servers Vipps sends callbacks and webhooks from, in Vipps' published order.
   *
   * @return the request servers' host names, unmodifiable
   */
  public List<String> requestServers() {
    return requestServers;
  }
}
