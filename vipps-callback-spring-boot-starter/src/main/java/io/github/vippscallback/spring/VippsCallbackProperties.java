package io.github.vippscallback.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Vipps callback guard, under {@code vipps.callback}.
 *
 * <p>Only {@code vipps.callback.environment} is required; everything else has a default.
 */
@ConfigurationProperties(VippsCallbackProperties.PREFIX)
public class VippsCallbackProperties {

  /** The prefix of these properties. */
  public static final String PREFIX = "vipps.callback";

  /** Whether the callback endpoints are guarded. Set to false to switch the starter off entirely. */
  private boolean enabled = true;

  /**
   * The Vipps MobilePay environment whose request servers may call back: 'prod' (alias 'production') or
   * 'test' (alias 'mt'). Required.
   */
  private @Nullable String environment;

  /**
   * Proxies (addresses or CIDR ranges) whose X-Forwarded-For and Forwarded headers are believed. Empty:
   * the connection's peer address is the client and the headers are ignored.
   */
  private List<String> trustedProxies = new ArrayList<>();

  /** Host names resolved in addition to the environment's request servers. */
  private List<String> additionalHosts = new ArrayList<>();

  /** Addresses or CIDR ranges always allowed, e.g. 127.0.0.1 for local testing. */
  private List<String> additionalAddresses = new ArrayList<>();

  /**
   * Path patterns to guard besides the @VippsCallback handler mappings, for every HTTP method, written
   * like @RequestMapping paths: relative to spring.mvc.servlet.path, e.g. /vipps/**.
   */
  private List<String> paths = new ArrayList<>();

  /** How the request servers' names are resolved. */
  private final Dns dns = new Dns();

  /** Whether the callback endpoints are guarded. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets whether the callback endpoints are guarded. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The environment as configured, or {@code null} when it is not set. */
  public @Nullable String getEnvironment() {
    return environment;
  }

  /** Sets the environment: {@code prod}, {@code production}, {@code test} or {@code mt}. */
  public void setEnvironment(@Nullable String environment) {
    this.environment = environment;
  }

  /** The trusted proxies. */
  public List<String> getTrustedProxies() {
    return trustedProxies;
  }

  /** Sets the trusted proxies. */
  public void setTrustedProxies(List<String> trustedProxies) {
    this.trustedProxies = new ArrayList<>(trustedProxies);
  }

  /** The additional host names. */
  public List<String> getAdditionalHosts() {
    return additionalHosts;
  }

  /** Sets the additional host names. */
  public void setAdditionalHosts(List<String> additionalHosts) {
    this.additionalHosts = new ArrayList<>(additionalHosts);
  }

  /** The additional addresses and ranges. */
  public List<String> getAdditionalAddresses() {
    return additionalAddresses;
  }

  /** Sets the additional addresses and ranges. */
  public void setAdditionalAddresses(List<String> additionalAddresses) {
    this.additionalAddresses = new ArrayList<>(additionalAddresses);
  }

  /** The extra guarded path patterns. */
  public List<String> getPaths() {
    return paths;
  }

  /** Sets the extra guarded path patterns. */
  public void setPaths(List<String> paths) {
    this.paths = new ArrayList<>(paths);
  }

  /** The DNS settings. */
  public Dns getDns() {
    return dns;
  }

  /** DNS settings, under {@code vipps.callback.dns}. */
  public static class Dns {

    /**
     * DNS servers to ask, each 'host', 'host:port' or '[IPv6]:port'. Empty: the system's resolvers.
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

    /** The DNS servers. */
    public List<String> getServers() {
      return servers;
    }

    /** Sets the DNS servers. */
    public void setServers(List<String> servers) {
      this.servers = new ArrayList<>(servers);
    }

    /** The per-query timeout. */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets the per-query timeout. */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /** The shortest refresh interval. */
    public Duration getMinTtl() {
      return minTtl;
    }

    /** Sets the shortest refresh interval. */
    public void setMinTtl(Duration minTtl) {
      this.minTtl = minTtl;
    }

    /** The longest refresh interval. */
    public Duration getMaxTtl() {
      return maxTtl;
    }

    /** Sets the longest refresh interval. */
    public void setMaxTtl(Duration maxTtl) {
      this.maxTtl = maxTtl;
    }

    /** How long last-known-good addresses survive a DNS outage. */
    public Duration getMaxStale() {
      return maxStale;
    }

    /** Sets how long last-known-good addresses survive a DNS outage. */
    public void setMaxStale(Duration maxStale) {
      this.maxStale = maxStale;
    }
  }
}
