package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.address.SpecialPurposeAddresses;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>A host's A and AAAA records are kept apart: a resolver that fails only AAAA queries does not age
 * the host's A records. Failures are retried with exponential backoff from 1 second, capped at
 * {@code maxTtl}; staleness is measured on the monotonic ticker given to the builder.
 *
 * <p>The addresses of an answer pass an address policy first ({@link SpecialPurposeAddresses}): loopback,
 * private, link-local, documentation and other special-purpose addresses are refused unless
 * {@link Builder#acceptSpecialPurposeAddresses} is set, and some never accepted; an answer with only
 * refused addresses, or with more than 32 addresses of one record type, is a failure like SERVFAIL. Answers
 * that arrive in one refresh round make one change.
 *
 * <p>The allowlist is <em>ready</em> when at least one address is known: resolved (fresh or stale) or
 * configured with {@link Builder#additionalAddresses}. Before that, and after everything expired,
 * {@link #decide} answers {@link AllowlistDecision#UNAVAILABLE} so that callers answer 503 rather than 403.
 *
 * <p>Lookups and listener calls run on one daemon thread per allowlist, named {@code vipps-callback-dns};
 * the DNS resolver (dnsjava) and the state it keeps are created there too, so that building and starting
 * cost the application's starting thread little. Create one with {@link #builder(VippsEnvironment)},
 * {@link #start()} it, and {@link #close()} it on shut-down to stop the background refresh.
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
  /** The forms of a DNS server, for help texts: {@code ip, ip:port or [IPv6]:port}; never a host name. */
  public static final String DNS_SERVER_FORMS = "ip, ip:port or [IPv6]:port";
  /** What a valid DNS server looks like, for the error message of every setting that takes them. */
  public static final String DNS_SERVER_FORMAT = "an IP address literal with an optional port (IP address literals"
      + " only, no host names): " + DNS_SERVER_FORMS + ", e.g. 10.0.0.53, 127.0.0.1:5353, ::1, [::1]:5353";
  /** What a valid additional host looks like, for the error message of every setting that takes them. */
  public static final String HOST_FORMAT = "a DNS host name, e.g. callback.example.com";

  private static final Logger log = LoggerFactory.getLogger(VippsAllowlist.class);

  private final VippsEnvironment environment;
  private final List<String> hosts;
  private final Set<IpRange> configured;
  private final ChangeNotifier notifier;
  private final HostRefresher refresher;
  private volatile Snapshot snapshot;

  private VippsAllowlist(Builder builder) {
    this.environment = builder.environment;
    this.hosts = List.copyOf(builder.effectiveHosts());
    this.configured = AllowlistChange.sortedCopy(new TreeSet<>(builder.additionalAddresses));
    this.notifier = new ChangeNotifier(environment);
    builder.listeners.forEach(notifier::add);
    this.snapshot = Snapshot.of(configured);
    @Nullable List<InetSocketAddress> servers = builder.dnsServers;
    Duration timeout = builder.queryTimeout;
    int retries = builder.retries;
    this.refresher = new HostRefresher(
        hosts,
        completions -> DnsQuerier.create(servers, timeout, retries, completions),
        new HostRefresher.Settings(builder.minTtl, builder.maxTtl, builder.maxStale,
            builder.ticker, builder.clock),
        new AnswerAddressPolicy(builder.acceptSpecialPurposeAddresses),
        this::publish,
        notifier);
  }

  /**
   * Starts building an allowlist of the request servers of {@code environment}.
   *
   * @param environment the environment whose request servers are resolved
   * @return a builder with the defaults
   */
  public static Builder builder(VippsEnvironment environment) {
    return new Builder(Objects.requireNonNull(environment, "environment"));
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
    Snapshot current = snapshot;
    if (!current.ready()) {
      return AllowlistDecision.UNAVAILABLE;
    }
    if (clientAddress == null) {
      return AllowlistDecision.DENIED;
    }
    return current.set().contains(clientAddress) ? AllowlistDecision.ALLOWED : AllowlistDecision.DENIED;
  }

  /**
   * Whether at least one address is known, fresh or stale.
   *
   * @return {@code true} once an address is known, so that a request can be allowed
   */
  public boolean isReady() {
    return snapshot.ready();
  }

  /**
   * The environment whose request servers this allowlist holds.
   *
   * @return the environment given to {@link #builder(VippsEnvironment)}
   */
  public VippsEnvironment environment() {
    return environment;
  }

  /**
   * The host names resolved, in order: lower case, without a trailing dot (each is looked up as absolute).
   *
   * @return the host names, unmodifiable
   */
  public List<String> hosts() {
    return hosts;
  }

  /**
   * The addresses and ranges allowed whatever DNS says ({@link Builder#additionalAddresses}), sorted.
   *
   * @return the additional addresses and ranges, unmodifiable; empty when none are configured
   */
  public Set<IpRange> additionalAddresses() {
    return configured;
  }

  /**
   * A point-in-time view for health checks and diagnostics. Per host, the A and AAAA results are merged:
   * the addresses of both, the shorter TTL, the earlier last success, the later error (prefixed with its
   * record type), and stale when either is.
   *
   * @return the allowlist's status at this moment
   */
  public AllowlistStatus status() {
    Snapshot current = snapshot;
    List<HostStatus> statuses = new ArrayList<>(hosts.size());
    for (String host : hosts) {
      statuses.add(hostStatus(host));
    }
    return new AllowlistStatus(environment, current.ready(), current.entries(), statuses);
  }

  /**
   * Registers a listener for changes of the effective set and for lookups. It is told of what happens
   * after it was added, not of the set as it stands; read that from {@link #status()}. To hear every
   * lookup from the start, add it with {@link Builder#listener} instead. Listeners run on the refresh
   * thread, one after the other.
   *
   * @param listener the listener to add
   */
  public void addListener(AllowlistListener listener) {
    notifier.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener to remove; nothing happens when it was not added
   */
  public void removeListener(AllowlistListener listener) {
    notifier.remove(listener);
  }

  /**
   * Starts resolving every host, concurrently, and refreshing them in the background. Returns at once:
   * the refresh thread sets up the DNS resolver (and reads the system's resolvers when no dns-servers are
   * set), then sends every first query at once. Should there be no DNS server to ask, the allowlist stays
   * unavailable, each host reports why in {@link #status()}, and it is tried again with backoff. Calling
   * it again, or after {@link #close()}, does nothing.
   */
  public void start() {
    refresher.start();
  }

  /**
   * Waits until every host has had its first answer or failure, or the timeout passes. Waits the whole
   * timeout when the allowlist was not started.
   *
   * @param timeout the longest time to wait
   * @return whether the allowlist is ready
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitFirstResolution(Duration timeout) throws InterruptedException {
    refresher.awaitFirstResolution(Objects.requireNonNull(timeout, "timeout"));
    return isReady();
  }

  /** Stops the background refresh. The last snapshot stays readable. */
  @Override
  public void close() {
    refresher.close();
  }

  /** Looks every host up again now, whatever its schedule; for tests. */
  void refreshNow() {
    refresher.refreshNow();
  }

  /** Recomputes the effective set; runs on the refresh thread, the only writer of the snapshot. */
  private void publish() {
    Set<IpRange> entries = new TreeSet<>(configured);
    for (IpAddress address : refresher.addresses()) {
      entries.add(IpRange.of(address));
    }
    Snapshot before = snapshot;
    if (entries.equals(before.entries())) {
      return;
    }
    Snapshot after = Snapshot.of(entries);
    snapshot = after;
    Set<IpRange> added = new TreeSet<>(entries);
    added.removeAll(before.entries());
    Set<IpRange> removed = new TreeSet<>(before.entries());
    removed.removeAll(entries);
    if (before.ready() && !after.ready()) {
      int expired = refresher.expiredRecordSets();
      if (expired > 0) {
        log.error("The Vipps request-server allowlist ({}) is now empty: DNS failed for longer than max-stale, so"
            + " the last known good addresses expired ({} host record set(s) expired; any others answered with"
            + " no addresses); callbacks are answered 503 until DNS answers again", environment.id(), expired);
      } else {
        log.error("The Vipps request-server allowlist ({}) is now empty: DNS says none of its {} hosts has an"
            + " address (NXDOMAIN or NODATA); callbacks are answered 503 until DNS gives addresses again",
            environment.id(), hosts.size());
      }
    }
    notifier.changed(new AllowlistChange(added, removed, entries), refresher.hostsWithAddresses(), hosts.size());
  }

  private HostStatus hostStatus(String host) {
    FamilyState a = refresher.state(host, RecordFamily.A);
    FamilyState aaaa = refresher.state(host, RecordFamily.AAAA);
    List<IpAddress> addresses = new ArrayList<>(a.addresses());
    addresses.addAll(aaaa.addresses());
    Duration ttl = shorterKnown(a, aaaa);
    @Nullable Instant lastSuccess = earlier(a.lastSuccess(), aaaa.lastSuccess());
    @Nullable String lastError;
    if (a.lastError() == null) {
      lastError = aaaa.lastError() == null ? null : "AAAA: " + aaaa.lastError();
    } else if (aaaa.lastError() == null || a.lastErrorNanos() - aaaa.lastErrorNanos() >= 0) {
      lastError = "A: " + a.lastError();
    } else {
      lastError = "AAAA: " + aaaa.lastError();
    }
    List<String> refused = new ArrayList<>();
    a.refused().forEach(refusal -> refused.add(refusal.toString()));
    aaaa.refused().forEach(refusal -> refused.add(refusal.toString()));
    return new HostStatus(host, addresses, ttl, lastSuccess, lastError, a.stale() || aaaa.stale(), refused);
  }

  private static Duration shorterKnown(FamilyState a, FamilyState aaaa) {
    if (a.lastSuccess() == null) {
      return aaaa.ttl();
    }
    if (aaaa.lastSuccess() == null) {
      return a.ttl();
    }
    return a.ttl().compareTo(aaaa.ttl()) <= 0 ? a.ttl() : aaaa.ttl();
  }

  private static @Nullable Instant earlier(@Nullable Instant first, @Nullable Instant second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    return first.isBefore(second) ? first : second;
  }

  /**
   * Builds a {@link VippsAllowlist}. Not thread-safe; each setter validates its argument at once and
   * names the setting and the bad value when it refuses one.
   */
  public static final class Builder {

    private static final Duration SHORTEST_TTL = Duration.ofSeconds(1);
    private static final int MAX_RETRIES = 10;

    private final VippsEnvironment environment;
    private List<String> hosts;
    private final Set<String> additionalHosts = new LinkedHashSet<>();
    private final List<IpRange> additionalAddresses = new ArrayList<>();
    private @Nullable List<InetSocketAddress> dnsServers;
    private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    private int retries = DEFAULT_RETRIES;
    private Duration minTtl = DEFAULT_MIN_TTL;
    private Duration maxTtl = DEFAULT_MAX_TTL;
    private Duration maxStale = DEFAULT_MAX_STALE;
    private LongSupplier ticker = System::nanoTime;
    private Clock clock = Clock.systemUTC();
    private final List<AllowlistListener> listeners = new ArrayList<>();
    private boolean acceptSpecialPurposeAddresses;

    private Builder(VippsEnvironment environment) {
      this.environment = environment;
      this.hosts = environment.requestServers();
    }

    /**
     * The DNS servers to ask, each {@code host}, {@code host:port} or {@code [v6]:port}, where host is an
     * IP address literal (a server is never looked up by name); the port defaults to 53. An empty
     * collection means the default: the system's resolvers.
     *
     * @param servers the DNS server addresses, in the order to ask them
     * @return this builder
     * @throws IllegalArgumentException naming a bad entry
     */
    public Builder dnsServers(Collection<String> servers) {
      List<InetSocketAddress> parsed = new ArrayList<>();
      for (String server : Objects.requireNonNull(servers, "dns-servers")) {
        parsed.add(DnsServers.parse(server));
      }
      this.dnsServers = parsed.isEmpty() ? null : List.copyOf(parsed);
      return this;
    }

    /**
     * How long one query may take before it is retried; default {@link #DEFAULT_QUERY_TIMEOUT}.
     *
     * @param timeout the time one query may take, positive
     * @return this builder
     */
    public Builder queryTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "query-timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("query-timeout must be positive, was " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    /**
     * How often a timed-out query is retried, 0 to 10; default {@link #DEFAULT_RETRIES}.
     *
     * @param retries the number of retries after a timed-out query
     * @return this builder
     */
    public Builder retries(int retries) {
      if (retries < 0 || retries > MAX_RETRIES) {
        throw new IllegalArgumentException("retries must be 0.." + MAX_RETRIES + ", was " + retries);
      }
      this.retries = retries;
      return this;
    }

    /**
     * The shortest refresh interval, whatever the TTL says; at least 1 second; default
     * {@link #DEFAULT_MIN_TTL}.
     *
     * @param minTtl the shortest time between two lookups of a host
     * @return this builder
     */
    public Builder minTtl(Duration minTtl) {
      this.minTtl = atLeastOneSecond("min-ttl", minTtl);
      return this;
    }

    /**
     * The longest refresh interval, whatever the TTL says; at least 1 second; default {@link #DEFAULT_MAX_TTL}.
     *
     * @param maxTtl the longest time between two lookups of a host
     * @return this builder
     */
    public Builder maxTtl(Duration maxTtl) {
      this.maxTtl = atLeastOneSecond("max-ttl", maxTtl);
      return this;
    }

    /**
     * How long a host keeps last-known-good addresses through DNS failures, counted from its last
     * success; zero or more; default {@link #DEFAULT_MAX_STALE}.
     *
     * @param maxStale how long last-known-good addresses are kept after the last success
     * @return this builder
     */
    public Builder maxStale(Duration maxStale) {
      Objects.requireNonNull(maxStale, "max-stale");
      if (maxStale.isNegative()) {
        throw new IllegalArgumentException("max-stale must not be negative, was " + maxStale);
      }
      this.maxStale = maxStale;
      return this;
    }

    /**
     * Host names resolved in addition to the environment's request servers (or those set by {@link #hosts}).
     *
     * @param hosts the extra host names to resolve
     * @return this builder
     */
    public Builder additionalHosts(Collection<String> hosts) {
      for (String host : Objects.requireNonNull(hosts, "additional-hosts")) {
        additionalHosts.add(DnsNames.normalize("additional-hosts", host));
      }
      return this;
    }

    /**
     * Replaces the environment's request servers entirely, for when Vipps changes them before this
     * library is released again. Must not be empty.
     *
     * @param hosts the host names to resolve instead of the environment's request servers
     * @return this builder
     */
    public Builder hosts(Collection<String> hosts) {
      Objects.requireNonNull(hosts, "hosts");
      if (hosts.isEmpty()) {
        throw new IllegalArgumentException(
            "hosts must not be empty; leave it unset to use the " + environment.id() + " request servers "
                + environment.requestServers());
      }
      Set<String> normalized = new LinkedHashSet<>();
      for (String host : hosts) {
        normalized.add(DnsNames.normalize("hosts", host));
      }
      this.hosts = List.copyOf(normalized);
      return this;
    }

    /**
     * Addresses or CIDR ranges always allowed, e.g. loopback for local testing. They count towards
     * readiness: with any configured, the allowlist is ready before DNS answers.
     *
     * @param addressesOrRanges addresses or CIDR ranges, e.g. {@code 127.0.0.1} or {@code 10.0.0.0/8}
     * @return this builder
     * @throws IllegalArgumentException naming a bad entry
     */
    public Builder additionalAddresses(Collection<String> addressesOrRanges) {
      for (String entry : Objects.requireNonNull(addressesOrRanges, "additional-addresses")) {
        if (entry == null) {
          throw new IllegalArgumentException("additional-addresses must not contain null");
        }
        try {
          additionalAddresses.add(IpRange.parse(entry.strip()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "additional-addresses entry '" + entry + "' is not an IP address or CIDR range (valid: "
                  + IpRange.FORMAT + "): " + e.getMessage(), e);
        }
      }
      return this;
    }

    /**
     * Whether DNS answers may bring addresses from special-purpose blocks that are not globally reachable
     * (loopback, private-use, CGNAT, link-local, unique-local, documentation, benchmarking, NAT64, 6to4,
     * Teredo, ...; see {@link SpecialPurposeAddresses}); default {@code false}. For local testing only,
     * e.g. a test DNS server answering {@code 127.0.0.1}: in production such an answer comes from a broken
     * or hostile resolver, and behind a local reverse proxy it would let every caller count as Vipps.
     * Unspecified, broadcast, multicast, reserved and IPv4-mapped AAAA addresses are refused even with it.
     * {@link #additionalAddresses} are never filtered.
     *
     * @param accept {@code true} to accept such addresses from DNS; local testing only
     * @return this builder
     */
    public Builder acceptSpecialPurposeAddresses(boolean accept) {
      this.acceptSpecialPurposeAddresses = accept;
      return this;
    }

    /**
     * A monotonic time source, in nanoseconds, for TTLs and staleness; for tests. Default: {@link
     * System#nanoTime()}.
     *
     * @param ticker the monotonic time source, in nanoseconds
     * @return this builder
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * The wall clock that stamps diagnostics; default: UTC system clock.
     *
     * @param clock the clock for the times shown in diagnostics
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adds a listener told of every change of the effective set and every background DNS lookup (host,
     * record type, success, duration), from the first one on, e.g. for metrics. May be called more than
     * once; every listener is told, in order, on the refresh thread.
     *
     * @param listener the listener to add
     * @return this builder
     */
    public Builder listener(AllowlistListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the allowlist, not yet started. This only checks the settings and creates small objects: the
     * DNS resolver (and the system's resolvers, when no dns-servers are set) is set up in the background
     * by {@link VippsAllowlist#start()}, so building costs the starting thread little.
     *
     * @return a new allowlist, to be started with {@link VippsAllowlist#start()} and closed when done
     * @throws IllegalArgumentException when the settings contradict each other, e.g. min-ttl above max-ttl
     */
    public VippsAllowlist build() {
      if (minTtl.compareTo(maxTtl) > 0) {
        throw new IllegalArgumentException(
            "min-ttl (" + minTtl + ") must not be greater than max-ttl (" + maxTtl + ")");
      }
      return new VippsAllowlist(this);
    }

    private List<String> effectiveHosts() {
      Set<String> all = new LinkedHashSet<>(hosts);
      all.addAll(additionalHosts);
      return List.copyOf(all);
    }

    private static Duration atLeastOneSecond(String setting, Duration value) {
      Objects.requireNonNull(value, setting);
      if (value.compareTo(SHORTEST_TTL) < 0) {
        throw new IllegalArgumentException(setting + " must be at least 1s, was " + value);
      }
      return value;
    }
  }
}
