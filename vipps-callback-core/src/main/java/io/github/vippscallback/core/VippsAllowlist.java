package io.github.vippscallback.core;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The set of addresses Vipps may send callbacks from, kept fresh from DNS in the background.
 *
 * <p>{@link #decide} is what a request calls: it reads an immutable snapshot that is swapped atomically
 * when DNS answers change, so it never waits for DNS, never locks and never allocates. Each host name is
 * resolved (A and AAAA, as an absolute name, through dnsjava) at start, then again at its answer's TTL,
 * clamped to [{@code minTtl}, {@code maxTtl}] and jittered. When DNS fails, a host keeps its last known
 * good addresses until {@code maxStale} has passed since its last success; a failure never adds an
 * address. A name that does not exist contributes no addresses; the other hosts are unaffected.
 *
 * <p>Create one with {@link #builder(VippsEnvironment)}, {@link #start()} it, and {@link #close()} it on
 * shut-down to stop the background refresh.
 */
public final class VippsAllowlist implements AutoCloseable {

  /** The default lower bound of the refresh interval: 30 seconds. */
  public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(30);
  /** The default upper bound of the refresh interval: 5 minutes, so a change reaches us quickly. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofMinutes(5);
  /** How long last-known-good addresses are kept through a DNS outage: 24 hours. */
  public static final Duration DEFAULT_MAX_STALE = Duration.ofHours(24);
  /** The default time one DNS query may take: 2 seconds. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);
  /** The default number of retries of a query that timed out: 2. */
  public static final int DEFAULT_RETRIES = 2;

  private VippsAllowlist() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Starts building an allowlist of the request servers of {@code environment}. */
  public static Builder builder(VippsEnvironment environment) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Decides on a client address string, without DNS, locking or allocation.
   *
   * @param clientAddress an address literal, or {@code null} when the client is unknown
   * @return {@link AllowlistDecision#UNAVAILABLE} when the allowlist is not ready, otherwise
   *     {@link AllowlistDecision#ALLOWED} or {@link AllowlistDecision#DENIED}; a string that is not
   *     an address literal (or {@code null}) is never allowed
   */
  public AllowlistDecision decide(@Nullable CharSequence clientAddress) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether at least one address is known, fresh or stale. */
  public boolean isReady() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The environment whose request servers this allowlist holds. */
  public VippsEnvironment environment() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The host names resolved, in order. */
  public List<String> hosts() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** A point-in-time view for health checks and diagnostics. */
  public AllowlistStatus status() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Registers a listener for changes of the effective set. */
  public void addListener(AllowlistListener listener) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Removes a listener. */
  public void removeListener(AllowlistListener listener) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Starts resolving every host, concurrently, and refreshing them in the background. Returns at once;
   * calling it again does nothing.
   */
  public void start() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Waits until every host has had its first answer or failure, or the timeout passes.
   *
   * @return whether the allowlist is ready
   */
  public boolean awaitFirstResolution(Duration timeout) throws InterruptedException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Stops the background refresh. The last snapshot stays readable. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Builds a {@link VippsAllowlist}. Not thread-safe; each setter validates its argument at once. */
  public static final class Builder {

    private Builder() {
      throw new UnsupportedOperationException("skeleton");
    }

    /**
     * The DNS servers to ask, each {@code host}, {@code host:port} or {@code [v6]:port}; default: the
     * system's resolvers.
     *
     * @throws IllegalArgumentException naming a bad entry
     */
    public Builder dnsServers(Collection<String> servers) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** How long one query may take before it is retried; default {@link #DEFAULT_QUERY_TIMEOUT}. */
    public Builder queryTimeout(Duration timeout) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** How often a timed-out query is retried; default {@link #DEFAULT_RETRIES}. */
    public Builder retries(int retries) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** The shortest refresh interval, whatever the TTL says; at least 1 second. */
    public Builder minTtl(Duration minTtl) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** The longest refresh interval, whatever the TTL says. */
    public Builder maxTtl(Duration maxTtl) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** How long a host keeps last-known-good addresses through DNS failures. */
    public Builder maxStale(Duration maxStale) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** Host names resolved in addition to the environment's request servers. */
    public Builder additionalHosts(Collection<String> hosts) {
      throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Replaces the environment's request servers entirely, for when Vipps changes them before this
     * library is released again. Must not be empty.
     */
    public Builder hosts(Collection<String> hosts) {
      throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Addresses or CIDR ranges always allowed, e.g. loopback for local testing.
     *
     * @throws IllegalArgumentException naming a bad entry
     */
    public Builder additionalAddresses(Collection<String> addressesOrRanges) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** A monotonic time source for TTLs and staleness; for tests. Default: {@link Ticker#systemTicker()}. */
    public Builder ticker(Ticker ticker) {
      throw new UnsupportedOperationException("skeleton");
    }

    /** The wall clock that stamps diagnostics; default: UTC system clock. */
    public Builder clock(Clock clock) {
      throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Builds the allowlist, not yet started.
     *
     * @throws IllegalArgumentException when the settings contradict each other, e.g. min-ttl above max-ttl
     */
    public VippsAllowlist build() {
      throw new UnsupportedOperationException("skeleton");
    }
  }
}
