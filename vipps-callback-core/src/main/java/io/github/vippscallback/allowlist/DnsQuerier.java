package io.github.vippscallback.allowlist;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.TextParseException;

/**
 * Asks the configured name servers for one absolute name and record type (never through a hosts file or
 * search domains) over its own {@link DnsExchange}, and turns the matching response into a
 * {@link LookupOutcome} with {@link DnsAnswerClassifier}. Queries are asynchronous, so any number can be
 * in flight at once.
 *
 * <p>Failover: a lookup makes {@code max(retries + 1, number of servers)} attempts at most, so every
 * configured server is asked at least once before the lookup fails, whatever the retry count. The first
 * attempt goes to the server that gave the last answer; a server that timed out or met a network error is
 * not asked first for {@link #DEMOTION} (it is still asked, after the others). A timeout or network
 * error is retried on the next server; a failed answer (SERVFAIL, REFUSED, malformed) only when there
 * is another server to ask. The failure message lists what each attempt met.
 *
 * <p>This is the only class that sends queries, and it is created on the refresh thread (see {@link
 * HostRefresher}), so that building and starting an allowlist load none of dnsjava's classes on the
 * application's starting thread.
 */
final class DnsQuerier implements AutoCloseable {

  /** How long a server that timed out (or met a network error) is not asked first. */
  static final Duration DEMOTION = Duration.ofSeconds(60);

  private final List<InetSocketAddress> servers;
  private final List<String> serverNames;
  private final int retries;
  private final Duration timeout;
  private final Executor executor;
  private final DnsExchange exchange;
  /** The server that gave the last answer, and when each server may be asked first again. */
  private int preferred;
  private final long[] demotedUntilNanos;
  private final boolean[] demoted;

  /**
   * @param servers the name servers
   * @param timeout how long one attempt may take
   * @param retries how many more attempts a lookup gets after a failed one (at least one per server)
   * @param executor where completions run
   * @throws IllegalStateException when the network I/O cannot be set up
   */
  DnsQuerier(List<InetSocketAddress> servers, Duration timeout, int retries, Executor executor) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one DNS server is needed");
    }
    List<String> names = new ArrayList<>(servers.size());
    for (InetSocketAddress server : servers) {
      names.add(describe(server));
    }
    this.servers = List.copyOf(servers);
    this.serverNames = List.copyOf(names);
    this.retries = retries;
    this.timeout = timeout;
    this.executor = executor;
    this.demotedUntilNanos = new long[servers.size()];
    this.demoted = new boolean[servers.size()];
    try {
      this.exchange = new DnsExchange();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector for DNS: " + e, e);
    }
  }

  /**
   * A querier of {@code servers}, or of the system's resolvers when that is {@code null}.
   *
   * @throws IllegalStateException when no server is configured and the system has none
   */
  static DnsQuerier create(
      @Nullable List<InetSocketAddress> servers, Duration timeout, int retries, Executor executor) {
    return new DnsQuerier(servers == null ? systemServers() : servers, timeout, retries, executor);
  }

  /**
   * The system's resolvers (e.g. from {@code /etc/resolv.conf}), read again when none were found before.
   *
   * @throws IllegalStateException when there are none
   */
  static List<InetSocketAddress> systemServers() {
    List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
    if (servers.isEmpty()) {
      ResolverConfig.refresh();
      servers = ResolverConfig.getCurrentConfig().servers();
    }
    if (servers.isEmpty()) {
      throw new IllegalStateException(
          "No system DNS servers found (e.g. in /etc/resolv.conf); configure dns-servers");
    }
    return List.copyOf(servers);
  }

  /** The absolute dnsjava name of a host name that {@link DnsNames#normalize} accepted. */
  static Name absolute(String normalized) {
    try {
      return Name.fromString(normalized + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + normalized + "' is not a DNS host name", e);
    }
  }

  /** The servers asked, as {@code ip:port} or {@code [v6]:port}. */
  List<String> servers() {
    return serverNames;
  }

  /** Stops the network I/O; lookups in flight fail. */
  @Override
  public void close() {
    exchange.close();
  }

  /** Looks {@code name} up; the future always completes normally, failures as {@link LookupOutcome.Failed}. */
  CompletableFuture<LookupOutcome> lookup(Name name, RecordFamily family) {
    CompletableFuture<LookupOutcome> result = new CompletableFuture<>();
    int[] order = order(System.nanoTime());
    attempt(name, family, order, 0, new ArrayList<>(), result);
    return result;
  }

  /** The servers in the order a new lookup asks them: from the last to answer, demoted ones last. */
  private synchronized int[] order(long now) {
    int count = servers.size();
    int[] order = new int[count];
    int next = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < count; i++) {
        int index = (preferred + i) % count;
        boolean late = demoted[index] && now - demotedUntilNanos[index] < 0;
        if (late == (pass == 1)) {
          order[next++] = index;
        }
      }
    }
    return order;
  }

  private synchronized void answeredBy(int index) {
    preferred = index;
    demoted[index] = false;
  }

  private synchronized void unreachable(int index) {
    demoted[index] = true;
    demotedUntilNanos[index] = System.nanoTime() + DEMOTION.toNanos();
  }

  private void attempt(Name name, RecordFamily family, int[] order, int attempt, List<String> errors,
      CompletableFuture<LookupOutcome> result) {
    int index = order[attempt % order.length];
    String server = serverNames.get(index);
    int attempts = Math.max(retries + 1, order.length);
    exchange.send(servers.get(index), name, family.type(), timeout).whenCompleteAsync((response, error) -> {
      LookupOutcome outcome;
      boolean retryable;
      if (error != null || response == null) {
        unreachable(index);
        outcome = failure(error, server);
        retryable = true;
      } else {
        outcome = DnsAnswerClassifier.classify(response, name, family, server);
        retryable = outcome instanceof LookupOutcome.Failed && order.length > 1;
      }
      if (outcome instanceof LookupOutcome.Failed failed) {
        errors.add(failed.error());
        if (retryable && attempt + 1 < attempts) {
          attempt(name, family, order, attempt + 1, errors, result);
          return;
        }
        result.complete(new LookupOutcome.Failed(joined(errors)));
        return;
      }
      answeredBy(index);
      result.complete(outcome);
    }, executor);
  }

  private static String joined(List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : String.join("; ", errors) + " (" + errors.size() + " attempts)";
  }

  private LookupOutcome.Failed failure(@Nullable Throwable error, String server) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof SocketTimeoutException) {
      return new LookupOutcome.Failed("timeout asking " + server + ": " + cause.getMessage());
    }
    if (cause instanceof IOException) {
      return new LookupOutcome.Failed("network error asking " + server + ": " + cause);
    }
    return new LookupOutcome.Failed("lookup via " + server + " failed: " + cause);
  }

  static String describe(InetSocketAddress server) {
    InetAddress address = server.getAddress();
    String host = address == null ? server.getHostString() : address.getHostAddress();
    return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + server.getPort();
  }
}
