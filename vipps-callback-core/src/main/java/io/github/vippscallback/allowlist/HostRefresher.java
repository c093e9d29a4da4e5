package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * Keeps every host's A and AAAA records fresh, each on its own schedule, on one daemon thread named
 * {@value #THREAD_NAME}. All lookups of a round are sent at once (asynchronously), so a round takes one
 * round trip, not one per host.
 *
 * <p>After an answer, the next lookup is due after the answer's TTL clamped to [min-ttl, max-ttl], less up
 * to 10% random jitter so hosts do not stay in lock-step. After a failure, the last known good addresses
 * stay (marked stale) and the lookup is retried with exponential backoff from 1 second, capped at
 * max-ttl; once max-stale has passed since the last success (measured on the ticker), the
 * addresses are dropped. Every change of state is stored in the key's slot (one per host and record
 * type, fixed at construction), then {@code onChange} runs (once for a burst of answers); all of this
 * happens on the refresh thread, so state has one writer. The key set is small and known up front and
 * every key has its own TTL-driven timer, so a plain map of slots holds the state: a cache library would
 * add eviction, which must never happen here (an expired host's status stays visible).
 *
 * <p>The constructor and {@link #start()} run on the application's starting thread and stay cheap: they
 * load no dnsjava class. The refresh thread's first task creates the absolute names and the {@link
 * DnsQuerier}, then sends every first lookup. Until a key's first outcome, its state reads as {@link
 * FamilyState#UNRESOLVED}.
 */
final class HostRefresher implements AutoCloseable {

  static final String THREAD_NAME = "vipps-callback-dns";
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  /** How soon the querier's set-up is tried again after it failed: sooner than the first backoff. */
  private static final long QUERIER_RETRY_NANOS = FIRST_BACKOFF.toNanos() / 2;
  private static final Logger log = LoggerFactory.getLogger(VippsAllowlist.class);

  /** One host's one record type. */
  record Key(String host, RecordFamily family) {}

  /** The state and scheduling of one key; written only on the refresh thread. */
  private static final class Slot {
    /** Read from any thread. */
    volatile FamilyState state = FamilyState.UNRESOLVED;
    @Nullable ScheduledFuture<?> pending;
    boolean inFlight;
    boolean answeredOnce;
  }

  /**
   * Creates the querier, on the refresh thread, given the executor its completions must run on.
   */
  @FunctionalInterface
  interface QuerierFactory {
    /**
     * @throws IllegalStateException when there is no server to ask, e.g. no system resolvers
     */
    DnsQuerier create(Executor completions);
  }

  private final List<String> hosts;
  private final Map<Key, Slot> slots;
  private final QuerierFactory querierFactory;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Executor refreshThread;
  private final Settings settings;
  private final Runnable onChange;
  private final List<DnsRefreshListener> refreshListeners;
  private final CountDownLatch firstResolution;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean closed;
  // Touched only on the refresh thread:
  private Map<String, Name> names = Map.of();
  private @Nullable DnsQuerier querier;
  private @Nullable String querierProblem;
  private long querierRetryNanos;
  private boolean publishQueued;
  private int firstAnswersUnpublished;

  /**
   * The timing settings.
   *
   * @param nanoTime the monotonic time source for TTLs and staleness
   */
  record Settings(Duration minTtl, Duration maxTtl, Duration maxStale, LongSupplier nanoTime, Clock clock) {}

  /**
   * @param hosts normalized host names (no trailing dot)
   * @param querierFactory builds the querier, on the refresh thread, given the executor its completions
   *     must run on
   * @param onChange runs on the refresh thread after any state changed
   * @param refreshListeners told of every lookup's outcome and duration, on the refresh thread
   */
  HostRefresher(
      List<String> hosts,
      QuerierFactory querierFactory,
      Settings settings,
      Runnable onChange,
      List<DnsRefreshListener> refreshListeners) {
    this.settings = settings;
    this.onChange = onChange;
    this.refreshListeners = List.copyOf(refreshListeners);
    this.hosts = List.copyOf(hosts);
    this.querierFactory = querierFactory;
    Map<Key, Slot> bySlot = new LinkedHashMap<>();
    for (String host : hosts) {
      for (RecordFamily family : RecordFamily.values()) {
        bySlot.put(new Key(host, family), new Slot());
      }
    }
    this.slots = Collections.unmodifiableMap(bySlot);
    this.firstResolution = new CountDownLatch(bySlot.size());
    this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
    this.scheduler.setRemoveOnCancelPolicy(true);
    this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.refreshThread = task -> {
      if (!closed) {
        try {
          scheduler.execute(task);
        } catch (RejectedExecutionException whenClosed) {
          // Closed meanwhile: the answer is no longer wanted.
        }
      }
    };
  }

  /**
   * Returns at once; the refresh thread then creates what resolving needs and sends every first lookup
   * at once. Later calls do nothing.
   */
  void start() {
    if (started.compareAndSet(false, true)) {
      refreshThread.execute(this::prepareAndRefreshAll);
    }
  }

  /** Looks every host up again now, whatever its schedule (those already in flight are left alone). */
  void refreshNow() {
    if (started.get()) {
      refreshThread.execute(this::refreshAll);
    }
  }

  boolean awaitFirstResolution(Duration timeout) throws InterruptedException {
    return firstResolution.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The state of one host's records of one type; readable from any thread, also before the start. */
  FamilyState state(String host, RecordFamily family) {
    Slot slot = slots.get(new Key(host, family));
    return slot == null ? FamilyState.UNRESOLVED : slot.state;
  }

  /** Every address known now, in host order; readable from any thread. */
  List<IpAddress> addresses() {
    List<IpAddress> all = new ArrayList<>();
    for (Key key : slots.keySet()) {
      all.addAll(state(key.host(), key.family()).addresses());
    }
    return all;
  }

  /** How many hosts have at least one address now. */
  int hostsWithAddresses() {
    int count = 0;
    for (String host : hosts) {
      if (!state(host, RecordFamily.A).addresses().isEmpty()
          || !state(host, RecordFamily.AAAA).addresses().isEmpty()) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
  }

  private void prepareAndRefreshAll() {
    try {
      prepare();
    } catch (RuntimeException | LinkageError e) {
      log.error("Cannot start resolving the Vipps request-server host names; callbacks are answered 503", e);
      return;
    }
    refreshAll();
  }

  /**
   * Part of the refresh thread's first task: creates the absolute names and the querier (dnsjava), which
   * the starting thread never loads.
   */
  private void prepare() {
    Map<String, Name> byHost = new LinkedHashMap<>();
    for (String host : hosts) {
      byHost.put(host, DnsQuerier.absolute(host));
    }
    names = Collections.unmodifiableMap(byHost);
    querier();
  }

  /**
   * The querier, created on first use; {@code null} (with {@link #querierProblem} set) while it cannot
   * be created, e.g. for want of system resolvers. After a failure, the lookups of the same round fail
   * with the same problem, and the next set-up is tried when the first of them is retried. Refresh thread
   * only.
   */
  private @Nullable DnsQuerier querier() {
    DnsQuerier current = querier;
    if (current != null || closed) {
      return current;
    }
    long now = settings.nanoTime().getAsLong();
    if (querierProblem != null && now - querierRetryNanos < 0) {
      return null;
    }
    try {
      current = querierFactory.create(refreshThread);
    } catch (RuntimeException e) {
      String problem = "cannot ask DNS: " + e.getMessage();
      if (!problem.equals(querierProblem)) {
        log.error("Cannot resolve the Vipps request-server host names: {}. Callbacks are answered 503 until"
            + " this is fixed; retrying with backoff.", e.getMessage());
      }
      querierProblem = problem;
      querierRetryNanos = now + QUERIER_RETRY_NANOS;
      return null;
    }
    querier = current;
    if (querierProblem != null) {
      log.info("DNS servers found after all: {}", current.servers());
      querierProblem = null;
    }
    log.info("Resolving {} Vipps request-server host names (A and AAAA) via {}", hosts.size(), current.servers());
    return current;
  }

  private void refreshAll() {
    slots.keySet().forEach(this::refresh);
  }

  private void refresh(Key key) {
    Slot slot = slots.get(key);
    if (closed || slot == null || slot.inFlight) {
      return;
    }
    ScheduledFuture<?> pending = slot.pending;
    if (pending != null) {
      pending.cancel(false);
      slot.pending = null;
    }
    slot.inFlight = true;
    long startNanos = settings.nanoTime().getAsLong();
    Name name = names.get(key.host());
    DnsQuerier current = querier();
    if (current == null || name == null) {
      String problem = querierProblem;
      onOutcome(key, slot, new LookupOutcome.Failed(problem == null ? "cannot ask DNS" : problem), startNanos);
      return;
    }
    // The lookup future never fails; should it, the slot is still released and rescheduled.
    @SuppressWarnings("FutureReturnValueIgnored")
    Object unused = current.lookup(name, key.family())
        .whenCompleteAsync(
            (outcome, error) -> onOutcome(key, slot, outcome != null
                ? outcome
                : new LookupOutcome.Failed("internal error: " + error), startNanos),
            refreshThread);
  }

  private void onOutcome(Key key, Slot slot, LookupOutcome outcome, long startNanos) {
    slot.inFlight = false;
    Duration delay = settings.maxTtl();
    try {
      delay = apply(key, outcome);
    } catch (RuntimeException unexpected) {
      log.error("Unexpected failure handling the DNS answer for {} {}; retrying in {}",
          key.host(), key.family(), Durations.describe(delay), unexpected);
    }
    tellRefreshListeners(key, outcome instanceof LookupOutcome.Answered, startNanos);
    if (!slot.answeredOnce) {
      slot.answeredOnce = true;
      firstAnswersUnpublished++;
    }
    publishSoon();
    if (!closed) {
      try {
        slot.pending = scheduler.schedule(() -> refresh(key), delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException whenClosed) {
        // Closed meanwhile.
      }
    }
  }

  /** Tells every {@link DnsRefreshListener} of one lookup; one that throws is logged and changes nothing. */
  private void tellRefreshListeners(Key key, boolean success, long startNanos) {
    if (refreshListeners.isEmpty()) {
      return;
    }
    Duration took = Duration.ofNanos(Math.max(0, settings.nanoTime().getAsLong() - startNanos));
    String recordType = key.family().name();
    for (DnsRefreshListener listener : refreshListeners) {
      try {
        listener.onRefresh(key.host(), recordType, success, took);
      } catch (RuntimeException e) {
        log.error("DNS refresh listener {} failed on the {} lookup of {}; the allowlist is unaffected",
            listener, recordType, key.host(), e);
      }
    }
  }

  /**
   * Runs {@code onChange} once for all outcomes handled before it gets its turn on the refresh thread,
   * so answers that arrive together make one change, not one per host; then releases
   * {@link #awaitFirstResolution} waiters for the first answers it covers.
   */
  private void publishSoon() {
    if (publishQueued) {
      return;
    }
    publishQueued = true;
    refreshThread.execute(() -> {
      publishQueued = false;
      int released = firstAnswersUnpublished;
      firstAnswersUnpublished = 0;
      try {
        onChange.run();
      } catch (RuntimeException unexpected) {
        log.error("Unexpected failure publishing the Vipps allowlist", unexpected);
      } finally {
        for (int i = 0; i < released; i++) {
          firstResolution.countDown();
        }
      }
    });
  }

  /** Stores the new state, tells the allowlist, and says when to look again. */
  private Duration apply(Key key, LookupOutcome outcome) {
    FamilyState before = state(key.host(), key.family());
    long now = settings.nanoTime().getAsLong();
    FamilyState after;
    Duration delay;
    if (outcome instanceof LookupOutcome.Answered answered) {
      Duration ttl = clamp(answered.ttlSeconds(), settings.minTtl(), settings.maxTtl());
      after = before.succeeded(answered.addresses(), ttl, now, settings.clock().instant());
      if (before.failures() > 0) {
        log.info("DNS lookup of {} {} works again after {} failure(s): {}; next refresh in {}",
            key.family(), key.host(), before.failures(), answered.summary(), Durations.describe(ttl));
      }
      delay = jitter(ttl);
    } else {
      String error = ((LookupOutcome.Failed) outcome).error();
      after = before.failed(error, now);
      if (before.failures() == 0) {
        warnFirstFailure(key, before, error);
      }
      @Nullable Duration since = after.sinceLastSuccess(now);
      if (!after.addresses().isEmpty() && since != null && since.compareTo(settings.maxStale()) >= 0) {
        log.error("Dropping the {} address(es) {} of {} from the Vipps allowlist: DNS ({} records) has failed for {}"
                + " since the last success at {}, beyond max-stale {}; last error: {}. Check the DNS servers"
                + " this application uses, or raise max-stale.",
            after.addresses().size(), after.addresses(), key.host(), key.family(), Durations.describe(since),
            after.lastSuccess(), Durations.describe(settings.maxStale()), error);
        after = after.expired();
      }
      delay = jitter(backoff(after.failures(), settings.maxTtl()));
    }
    Objects.requireNonNull(slots.get(key), "every key has a slot").state = after;
    return delay;
  }

  private void warnFirstFailure(Key key, FamilyState before, String error) {
    if (before.addresses().isEmpty()) {
      log.warn("DNS lookup of {} {} failed: {}. It contributes no addresses until DNS answers; retrying with"
              + " backoff.", key.family(), key.host(), error);
    } else {
      log.warn("DNS lookup of {} {} failed: {}. Keeping its last known good address(es) {} for up to {} since"
              + " the last success at {}; retrying with backoff.",
          key.family(), key.host(), error, before.addresses(), Durations.describe(settings.maxStale()),
          before.lastSuccess());
    }
  }

  /** The TTL clamped to [min, max]; a negative TTL (none given) is min. */
  static Duration clamp(long ttlSeconds, Duration min, Duration max) {
    if (ttlSeconds < 0) {
      return min;
    }
    Duration ttl = Duration.ofSeconds(ttlSeconds);
    if (ttl.compareTo(min) < 0) {
      return min;
    }
    return ttl.compareTo(max) > 0 ? max : ttl;
  }

  /** 1s, 2s, 4s, ... after consecutive failures, capped at {@code cap}. */
  static Duration backoff(int failures, Duration cap) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << doublings);
    return backoff.compareTo(cap) > 0 ? cap : backoff;
  }

  /** The interval less up to 10% at random. */
  static Duration jitter(Duration interval) {
    long nanos = interval.toNanos();
    long spread = nanos / 10;
    return spread <= 0 ? interval : Duration.ofNanos(nanos - ThreadLocalRandom.current().nextLong(spread + 1));
  }
}
