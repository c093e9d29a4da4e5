package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.EnforcementMode;
import io.github.vippscallback.spring.VippsCallback;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Vipps callback guard, under {@code vipps.callback}.
 *
 * <p>Only {@code vipps.callback.environment} is required; everything else has a default. The environment,
 * the mode and the address ranges bind directly to their core types ({@link VippsEnvironment}, {@link
 * EnforcementMode}, {@link IpRange}) through {@link PropertyTypes}; a bad value stops the start-up naming
 * the property, the value and the valid values.
 */
@ConfigurationProperties(VippsCallbackProperties.PREFIX)
public class VippsCallbackProperties {

  /** The prefix of these properties. */
  public static final String PREFIX = "vipps.callback";

  /** Properties with their defaults, for Spring Boot to bind. */
  public VippsCallbackProperties() {
  }

  /** Whether the callback endpoints are guarded. Set to false to switch the starter off entirely. */
  private boolean enabled = true;

  /**
   * The Vipps MobilePay environment whose request servers may call back: 'prod' (alias 'production') or
   * 'test' (alias 'mt'). Required.
   */
  private @Nullable VippsEnvironment environment;

  /**
   * Proxies (addresses or CIDR ranges) whose X-Forwarded-For and Forwarded headers are believed. Empty:
   * the connection's peer address is the client and the headers are ignored.
   */
  private List<IpRange> trustedProxies = new ArrayList<>();

  /** Host names resolved in addition to the environment's request servers. */
  private List<String> additionalHosts = new ArrayList<>();

  /** Addresses or CIDR ranges always allowed, e.g. 127.0.0.1 for local testing. */
  private List<IpRange> additionalAddresses = new ArrayList<>();

  /**
   * Path patterns to guard besides the @VippsCallback handler mappings, for every HTTP method, written
   * like @RequestMapping paths: relative to spring.mvc.servlet.path, e.g. /vipps/**.
   */
  private List<String> paths = new ArrayList<>();

  /**
   * 'enforce' refuses requests that fail a check (address or webhook signature); 'report-only' checks,
   * logs and counts them exactly as when enforcing, but lets them through, to watch a rollout first.
   */
  private EnforcementMode mode = EnforcementMode.ENFORCE;

  /**
   * The Retry-After of the 503 answered while no request-server address is known yet (at start-up, or
   * after a long DNS outage): how long Vipps is asked to wait before it tries again. At least 1s; a bare
   * number is seconds; a fraction of a second is rounded up to whole seconds.
   */
  @DurationUnit(ChronoUnit.SECONDS)
  private Duration retryAfter = Duration.ofSeconds(60);

  /** How the request servers' names are resolved. */
  private final Dns dns = new Dns();

  /** How Vipps webhook signatures are checked. */
  private final Webhook webhook = new Webhook();

  /**
   * Whether the callback endpoints are guarded.
   *
   * @return {@code true} unless {@code vipps.callback.enabled=false}
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether the callback endpoints are guarded.
   *
   * @param enabled {@code false} to turn the guard off
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The environment as configured, or {@code null} when it is not set.
   *
   * @return the environment, or {@code null}
   */
  public @Nullable VippsEnvironment getEnvironment() {
    return environment;
  }

  /**
   * Sets the environment; bound from {@code prod}, {@code production}, {@code test} or {@code mt}.
   *
   * @param environment the environment whose request servers are allowed
   */
  public void setEnvironment(@Nullable VippsEnvironment environment) {
    this.environment = environment;
  }

  /**
   * The trusted proxies.
   *
   * @return the trusted proxies' addresses and ranges; empty when none
   */
  public List<IpRange> getTrustedProxies() {
    return trustedProxies;
  }

  /**
   * Sets the trusted proxies.
   *
   * @param trustedProxies the proxies' addresses and ranges whose forwarded headers are read
   */
  public void setTrustedProxies(List<IpRange> trustedProxies) {
    this.trustedProxies = new ArrayList<>(trustedProxies);
  }

  /**
   * The additional host names.
   *
   * @return the host names resolved besides the environment's request servers
   */
  public List<String> getAdditionalHosts() {
    return additionalHosts;
  }

  /**
   * Sets the additional host names.
   *
   * @param additionalHosts the host names to resolve besides the environment's request servers
   */
  public void setAdditionalHosts(List<String> additionalHosts) {
    this.additionalHosts = new ArrayList<>(additionalHosts);
  }

  /**
   * The additional addresses and ranges.
   *
   * @return the addresses and ranges allowed whatever DNS says
   */
  public List<IpRange> getAdditionalAddresses() {
    return additionalAddresses;
  }

  /**
   * Sets the additional addresses and ranges.
   *
   * @param additionalAddresses the addresses and ranges to allow whatever DNS says
   */
  public void setAdditionalAddresses(List<IpRange> additionalAddresses) {
    this.additionalAddresses = new ArrayList<>(additionalAddresses);
  }

  /**
   * The extra guarded path patterns.
   *
   * @return the path patterns guarded besides the {@code @VippsCallback} endpoints
   */
  public List<String> getPaths() {
    return paths;
  }

  /**
   * Sets the extra guarded path patterns.
   *
   * @param paths the path patterns to guard besides the {@code @VippsCallback} endpoints
   */
  public void setPaths(List<String> paths) {
    this.paths = new ArrayList<>(paths);
  }

  /**
   * The {@code Retry-After} of a 503.
   *
   * @return the {@code Retry-After} of a 503
   */
  public Duration getRetryAfter() {
    return retryAfter;
  }

  /**
   * Sets the {@code Retry-After} of a 503: at least 1 second, rounded up to whole seconds.
   *
   * @param retryAfter the delay the 503 asks Vipps to wait
   */
  public void setRetryAfter(Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  /**
   * The DNS settings.
   *
   * @return the {@code vipps.callback.dns.*} settings
   */
  public Dns getDns() {
    return dns;
  }

  /**
   * The mode: {@code enforce} or {@code report-only}.
   *
   * @return the enforcement mode
   */
  public EnforcementMode getMode() {
    return mode;
  }

  /**
   * Sets the mode; bound from {@code enforce} or {@code report-only}.
   *
   * @param mode the enforcement mode
   */
  public void setMode(EnforcementMode mode) {
    this.mode = mode;
  }

  /**
   * The webhook signature settings.
   *
   * @return the {@code vipps.callback.webhook.*} settings
   */
  public Webhook getWebhook() {
    return webhook;
  }

  /**
   * Webhook signature settings, under {@code vipps.callback.webhook}. The secrets may come from any
   * property source (environment variables, a secret store); they are never logged.
   */
  public static class Webhook {

    /** Webhook settings with their defaults, for Spring Boot to bind. */
    public Webhook() {
    }

    /**
     * The secret Vipps returned when the webhook was registered, or several separated by commas (one per
     * registration calling the URL, as while a secret is rotated), each optionally labelled for logs and
     * metrics, e.g. old:<secret>,new:<secret>. @VippsCallback endpoints then require a signature valid
     * with one of them, unless marked signature = NONE.
     */
    private @Nullable String secret;

    /**
     * Secrets by path pattern, for several webhook registrations: the first pattern (in order) that
     * matches an endpoint's path pattern gives its secrets, before vipps.callback.webhook.secret. Each
     * value takes one or more secrets separated by commas, optionally labelled (label:secret). Patterns
     * are written like @RequestMapping paths, relative to spring.mvc.servlet.path; in a properties file
     * put them in brackets, e.g. vipps.callback.webhook.secrets[/vipps/webhooks/payments/**]=...
     */
    private Map<String, String> secrets = new LinkedHashMap<>();

    /**
     * The public base URL Vipps calls, e.g. https://shop.example.com, when a proxy stands between Vipps
     * and the application: Vipps signs that host, and that path followed by the request's. Empty: the
     * request's own host.
     */
    private @Nullable String publicUrl;

    /** The largest webhook body accepted; larger ones get 413. From 1B to 10MB. */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);

    /** How far x-ms-date may be from the clock, either side. From 1s to 1h. */
    private Duration dateWindow = Duration.ofMinutes(5);

    /**
     * The single webhook secret, or {@code null}.
     *
     * @return the secret, or {@code null}
     */
    public @Nullable String getSecret() {
      return secret;
    }

    /**
     * Sets the single webhook secret.
     *
     * @param secret one secret, or a comma-separated list of secrets, each optionally {@code label:secret}
     */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /**
     * The secrets by path pattern, in order.
     *
     * @return the secrets by path pattern
     */
    public Map<String, String> getSecrets() {
      return secrets;
    }

    /**
     * Sets the secrets by path pattern, keeping their order.
     *
     * @param secrets the secrets by path pattern
     */
    public void setSecrets(Map<String, String> secrets) {
      this.secrets = new LinkedHashMap<>(secrets);
    }

    /**
     * The public base URL, or {@code null}.
     *
     * @return the public base URL, or {@code null}
     */
    public @Nullable String getPublicUrl() {
      return publicUrl;
    }

    /**
     * Sets the public base URL.
     *
     * @param publicUrl the public base URL Vipps calls
     */
    public void setPublicUrl(@Nullable String publicUrl) {
      this.publicUrl = publicUrl;
    }

    /**
     * The largest body accepted.
     *
     * @return the largest body accepted
     */
    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    /**
     * Sets the largest body accepted.
     *
     * @param maxBodySize the largest body accepted
     */
    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    /**
     * How far x-ms-date may be from the clock.
     *
     * @return the allowed difference, either side
     */
    public Duration getDateWindow() {
      return dateWindow;
    }

    /**
     * Sets how far x-ms-date may be from the clock.
     *
     * @param dateWindow the allowed difference, either side
     */
    public void setDateWindow(Duration dateWindow) {
      this.dateWindow = dateWindow;
    }

    /** Never shows a secret. */
    @Override
    public String toString() {
      return "Webhook{secret=" + (secret == null ? "(not set)" : "(set)") + ", secrets=" + secrets.keySet()
          + ", publicUrl=" + publicUrl + ", maxBodySize=" + maxBodySize + ", dateWindow=" + dateWindow + "}";
    }
  }

  /** DNS settings, under {@code vipps.callback.dns}. */
  public static class Dns {

    /** DNS settings with their defaults, for Spring Boot to bind. */
    public Dns() {
    }

    /**
     * DNS servers to ask: IP address literals with an optional port, e.g. 10.0.0.53, 127.0.0.1:5353, ::1 or
     * [::1]:5353 (no host names: resolving the resolver would need DNS). Empty: the system's resolvers.
     */
    private List<String> servers = new ArrayList<>();

    /** How long one DNS query may take before it is retried. */
    private Duration timeout = Duration.ofSeconds(2);

    /** The shortest interval between two resolutions of a host, whatever its TTL says; at least 1s. */
    private Duration minTtl = Duration.ofSeconds(30);

    /** The longest interval between two resolutions of a host, whatever its TTL says. */
    private Duration maxTtl = Duration.ofMinutes(5);

    /**
     * How long a host keeps its last known good addresses while DNS fails; after that its addresses are
     * dropped.
     */
    private Duration maxStale = Duration.ofHours(24);

    /**
     * Whether DNS answers may bring loopback, private, link-local, documentation and other special-purpose
     * addresses that are not globally reachable. For local testing only (a test DNS server answering
     * 127.0.0.1); logged at WARN at start-up when on. Unspecified, broadcast, multicast, reserved and
     * IPv4-mapped AAAA addresses are refused even then; additional-addresses are never filtered.
     */
    private boolean acceptSpecialPurposeAddresses;

    /**
     * The DNS servers.
     *
     * @return the DNS servers to ask; empty for the system's resolvers
     */
    public List<String> getServers() {
      return servers;
    }

    /**
     * Sets the DNS servers.
     *
     * @param servers the DNS servers to ask; empty for the system's resolvers
     */
    public void setServers(List<String> servers) {
      this.servers = new ArrayList<>(servers);
    }

    /**
     * The per-query timeout.
     *
     * @return the time one query may take
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the per-query timeout.
     *
     * @param timeout the time one query may take
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /**
     * The shortest refresh interval.
     *
     * @return the shortest time between two lookups of a host
     */
    public Duration getMinTtl() {
      return minTtl;
    }

    /**
     * Sets the shortest refresh interval.
     *
     * @param minTtl the shortest time between two lookups of a host
     */
    public void setMinTtl(Duration minTtl) {
      this.minTtl = minTtl;
    }

    /**
     * The longest refresh interval.
     *
     * @return the longest time between two lookups of a host
     */
    public Duration getMaxTtl() {
      return maxTtl;
    }

    /**
     * Sets the longest refresh interval.
     *
     * @param maxTtl the longest time between two lookups of a host
     */
    public void setMaxTtl(Duration maxTtl) {
      this.maxTtl = maxTtl;
    }

    /**
     * How long last-known-good addresses survive a DNS outage.
     *
     * @return how long last-known-good addresses are kept
     */
    public Duration getMaxStale() {
      return maxStale;
    }

    /**
     * Sets how long last-known-good addresses survive a DNS outage.
     *
     * @param maxStale how long last-known-good addresses are kept
     */
    public void setMaxStale(Duration maxStale) {
      this.maxStale = maxStale;
    }

    /**
     * Whether special-purpose addresses are accepted from DNS (local testing only).
     *
     * @return {@code true} when special-purpose addresses are accepted
     */
    public boolean isAcceptSpecialPurposeAddresses() {
      return acceptSpecialPurposeAddresses;
    }

    /**
     * Sets whether special-purpose addresses are accepted from DNS (local testing only).
     *
     * @param acceptSpecialPurposeAddresses {@code true} to accept special-purpose addresses from DNS
     */
    public void setAcceptSpecialPurposeAddresses(boolean acceptSpecialPurposeAddresses) {
      this.acceptSpecialPurposeAddresses = acceptSpecialPurposeAddresses;
    }
  }
}
