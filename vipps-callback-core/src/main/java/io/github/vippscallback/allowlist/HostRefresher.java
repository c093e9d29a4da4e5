package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * type, fixed at construction), then {@code onChange} runs (once for a round of answers); all of this
 * happens on the refresh thread, so state has one writer. The key set is small and known up front and
 * every key has its own TTL-driven timer, so a plain map of slots holds the state: a cache library would
 * add eviction, which must never happen here (an expired host's status stays visible).
 *
 * <p>The addresses of an answer pass the {@link AnswerAddressPolicy} first: refused addresses are logged
 * (WARN, at most every {@link #REFUSAL_LOG_INTERVAL} for the same ones) and kept in the state for the
 * host's status; an answer the policy refuses whole is a failure like SERVFAIL.
 *
 * <p>Damping: lookups go out in rounds, and a round's outcomes make one {@code onChange}. A round is
 * every first lookup, a {@link #refreshNow()}, or a timer that fires together with every other key
 * whose next lookup is near (at least {@value #ROUND_SHARE_PERCENT}% of its interval has passed), so
 * jittered timers of the same TTL stay in one round. {@code onChange} runs once no lookup is in flight,
 * or {@link #ROUND_WAIT} after the round's first outcome when one is slow, and never sooner than
 * {@link #PUBLISH_SPACING} after the previous time.
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
  /** How long a round's outcomes wait for its slowest lookup before they are published anyway. */
  static final Duration ROUND_WAIT = Duration.ofSeconds(1);
  /** The least time between two runs of {@code onChange}, so a flapping resolver cannot flood listeners. */
  static final Duration PUBLISH_SPACING = Duration.ofSeconds(1);
  /** How long the same refused addresses of one host's record type are not logged again. */
  static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(10);
  /** A key joins a round once this share of its refresh interval has passed. */
  static final int ROUND_SHARE_PERCENT = 80;

  /** One host's one record type. */
  record Key(String host, RecordFamily family) {}

  /**
   * The state and scheduling of one key; written only on the refresh thread. Times are {@link
   * System#nanoTime()}.
   */
  private static final class Slot {
    /** Read from any thread. */
    volatile FamilyState state = FamilyState.UNRESOLVED;
    @Nullable ScheduledFuture<?> pending;
    /** From when the pending lookup may join another key's round. */
    long joinsRoundFromNanos;
    boolean inFlight;
    boolean answeredOnce;
    List<AnswerAddressPolicy.Refusal> loggedRefusals = List.of();
    long refusalsLoggedNanos;
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
  private final AnswerAddressPolicy policy;
  private final Runnable onChange;
  private final ChangeNotifier listeners;
  private final CountDownLatch firstResolution;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean closed;
  // Touched only on the refresh thread:
  private Map<String, Name> names = Map.of();
  /** Written on the refresh thread; read by {@link #close()}. */
  private volatile @Nullable DnsQuerier querier;
  private @Nullable String querierProblem;
  private long querierRetryNanos;
  private int firstAnswersUnpublished;
  private int inFlight;
  private boolean sendingRound;
  private boolean unpublished;
  private long unpublishedSinceNanos;
  private boolean publishedOnce;
  private long lastPublishNanos;
  private @Nullable ScheduledFuture<?> publishTimer;
  private long publishAtNanos;

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
   * @param policy screens the addresses of every answer
   * @param onChange runs on the refresh thread after a round's outcomes were stored
   * @param listeners told of every lookup's outcome and duration, on the refresh thread
   */
  HostRefresher(
      List<String> hosts,
      QuerierFactory querierFactory,
      Settings settings,
      AnswerAddressPolicy policy,
      Runnable onChange,
      ChangeNotifier listeners) {
    this.settings = settings;
    this.policy = policy;
    this.onChange = onChange;
    this.listeners = listeners;
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

  /** How many (host, record type) pairs lost their addresses to max-stale and have not answered since. */
  int expiredRecordSets() {
    int count = 0;
    for (Key key : slots.keySet()) {
      if (state(key.host(), key.family()).droppedAfterMaxStale()) {
        count++;
      }
    }
    return count;
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
    DnsQuerier current = querier;
    if (current != null) {
      current.close();
    }
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
    if (closed) {
      current.close();
      return null;
    }
    if (querierProblem != null) {
      log.info("DNS servers found after all: {}", current.servers());
      querierProblem = null;
    }
    log.info("Resolving {} Vipps request-server host names (A and AAAA) via {}{}", hosts.size(), current.servers(),
        policy.acceptsSpecialPurpose()
            ? "; accepting special-purpose addresses (loopback, private, ...) from DNS, for local testing only"
            : "");
    return current;
  }

  private void refreshAll() {
    round(() -> slots.keySet().forEach(this::refresh));
  }

  /** {@code key}'s timer fired: looks it up, in one round with every key whose next lookup is near. */
  private void timerFired(Key key) {
    long now = System.nanoTime();
    round(() -> {
      refresh(key);
      slots.forEach((other, slot) -> {
        if (slot.pending != null && now - slot.joinsRoundFromNanos >= 0) {
          refresh(other);
        }
      });
    });
  }

  /** Sends a round's lookups; what they change is published together (see {@link #schedulePublish}). */
  private void round(Runnable sends) {
    sendingRound = true;
    try {
      sends.run();
    } finally {
      sendingRound = false;
    }
    schedulePublish();
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
    inFlight++;
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
    inFlight--;
    Duration interval = settings.maxTtl();
    boolean success = false;
    try {
      Applied applied = apply(key, slot, outcome);
      interval = applied.interval();
      success = applied.success();
    } catch (RuntimeException unexpected) {
      log.error("Unexpected failure handling the DNS answer for {} {}; retrying in {}",
          key.host(), key.family(), Durations.describe(interval), unexpected);
    }
    tellRefreshListeners(key, success, startNanos);
    if (!slot.answeredOnce) {
      slot.answeredOnce = true;
      firstAnswersUnpublished++;
    }
    if (!unpublished) {
      unpublished = true;
      unpublishedSinceNanos = System.nanoTime();
    }
    if (!closed) {
      long intervalNanos = interval.toNanos();
      slot.joinsRoundFromNanos = System.nanoTime() + intervalNanos / 100 * ROUND_SHARE_PERCENT;
      try {
        slot.pending = scheduler.schedule(
            () -> timerFired(key), jitter(interval).toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException whenClosed) {
        // Closed meanwhile.
      }
    }
    schedulePublish();
  }

  /** Tells every {@link AllowlistListener} of one lookup; one that throws is logged and changes nothing. */
  private void tellRefreshListeners(Key key, boolean success, long startNanos) {
    if (listeners.isEmpty()) {
      return;
    }
    Duration took = Duration.ofNanos(Math.max(0, settings.nanoTime().getAsLong() - startNanos));
    listeners.looked(key.host(), key.family().name(), success, took);
  }

  /**
   * Runs {@code onChange} for the outcomes stored since it last ran, once none of the round is in flight
   * (or {@link #ROUND_WAIT} after the first of them) and {@link #PUBLISH_SPACING} after the last run;
   * otherwise sets a timer that asks again. Then releases {@link #awaitFirstResolution} waiters for the
   * first outcomes it covers. Measured on {@link System#nanoTime()}, like the scheduler's delays.
   */
  private void schedulePublish() {
    if (!unpublished || sendingRound || closed) {
      return;
    }
    long now = System.nanoTime();
    long at = now;
    if (inFlight > 0) {
      at = later(at, unpublishedSinceNanos + ROUND_WAIT.toNanos());
    }
    if (publishedOnce) {
      at = later(at, lastPublishNanos + PUBLISH_SPACING.toNanos());
    }
    ScheduledFuture<?> timer = publishTimer;
    if (at - now <= 0) {
      if (timer != null) {
        timer.cancel(false);
        publishTimer = null;
      }
      publish();
      return;
    }
    if (timer != null) {
      if (publishAtNanos - at <= 0) {
        return; // it asks again when it fires
      }
      timer.cancel(false);
    }
    publishAtNanos = at;
    try {
      publishTimer = scheduler.schedule(() -> {
        publishTimer = null;
        schedulePublish();
      }, at - now, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException whenClosed) {
      // Closed meanwhile.
    }
  }

  private static long later(long first, long second) {
    return first - second >= 0 ? first : second;
  }

  private void publish() {
    unpublished = false;
    publishedOnce = true;
    lastPublishNanos = System.nanoTime();
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
  }

  /** When to look again (before jitter), and whether the lookup counts as a success. */
  private record Applied(Duration interval, boolean success) {}

  /** Screens and stores the outcome, and says when to look again. */
  private Applied apply(Key key, Slot slot, LookupOutcome outcome) {
    FamilyState before = state(key.host(), key.family());
    long now = settings.nanoTime().getAsLong();
    @Nullable String error;
    List<AnswerAddressPolicy.Refusal> refused = before.refused();
    List<IpAddress> accepted = List.of();
    String summary = "";
    long ttlSeconds = -1;
    if (outcome instanceof LookupOutcome.Answered answered) {
      AnswerAddressPolicy.Screened screened = policy.screen(key.host(), key.family(), answered.addresses());
      logRefusals(key, slot, screened);
      error = screened.failure();
      refused = screened.refused();
      accepted = screened.accepted();
      summary = answered.summary();
      ttlSeconds = answered.ttlSeconds();
    } else {
      error = ((LookupOutcome.Failed) outcome).error();
    }
    FamilyState after;
    Duration interval;
    if (error == null) {
      interval = clamp(ttlSeconds, settings.minTtl(), settings.maxTtl());
      after = before.succeeded(accepted, interval, now, settings.clock().instant(), refused);
      if (before.failures() > 0) {
        log.info("DNS lookup of {} {} works again after {} failure(s): {}; next refresh in {}",
            key.family(), key.host(), before.failures(), summary, Durations.describe(interval));
      }
    } else {
      after = before.failed(error, now, refused);
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
      interval = backoff(after.failures(), settings.maxTtl());
    }
    slot.state = after;
    return new Applied(interval, error == null);
  }

  /**
   * Logs an answer's refused addresses at WARN, unless the same ones of the same key were logged less
   * than {@link #REFUSAL_LOG_INTERVAL} ago.
   */
  private void logRefusals(Key key, Slot slot, AnswerAddressPolicy.Screened screened) {
    List<AnswerAddressPolicy.Refusal> refused = screened.refused();
    if (refused.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    if (refused.equals(slot.loggedRefusals) && now - slot.refusalsLoggedNanos < REFUSAL_LOG_INTERVAL.toNanos()) {
      return;
    }
    slot.loggedRefusals = refused;
    slot.refusalsLoggedNanos = now;
    log.warn("DNS answer for {} {}: refused {} address(es) by the address policy: {}; {}. A request server"
            + " has a public address: check the DNS servers this application uses. Special-purpose addresses"
            + " are accepted only with accept-special-purpose-addresses (local testing); unspecified,"
            + " broadcast, multicast, reserved and IPv4-mapped AAAA addresses never.",
        key.host(), key.family(), refused.size(), refused,
        screened.failure() == null
            ? "keeping the other " + screened.accepted().size() + " address(es)"
            : "no address left, so the answer counts as a failure");
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
