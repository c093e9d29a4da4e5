package io.github.vippscallback.core;

import java.net.URI;
import java.util.List;

/**
 * A Vipps MobilePay environment: its API server and the request servers Vipps sends callbacks from.
 *
 * <p>The host names are those Vipps publishes; Vipps never publishes their addresses, which is why
 * {@link VippsAllowlist} resolves them through DNS. The disaster-recovery servers are part of
 * {@link #PROD}: Vipps says they are as important as production.
 */
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
  public static VippsEnvironment parse(String value) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The names {@link #parse} accepts, for error messages: {@code "prod, production, test, mt"}. */
  public static String validValues() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The canonical name: {@code prod} or {@code test}. */
  public String id() {
    return id;
  }

  /** The API server merchants call, e.g. {@code https://api.vipps.no}. */
  public URI apiBaseUrl() {
    return apiBaseUrl;
  }

  /** The request servers Vipps sends callbacks and webhooks from, in Vipps' published order. */
  public List<String> requestServers() {
    return requestServers;
  }
}
