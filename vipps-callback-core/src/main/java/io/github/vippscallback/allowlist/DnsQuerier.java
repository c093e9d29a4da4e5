package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpAddress;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Asks the configured name servers for one absolute name and record type, directly with dnsjava's
 * {@link SimpleResolver} (never through {@code Lookup}, the hosts file or search domains), and turns the
 * response into a {@link LookupOutcome}. A query that times out or meets a network error is retried, on
 * the next server when there are several; a SERVFAIL or REFUSED is retried only when there is another
 * server to ask. Truncated UDP answers are retried over TCP by {@link SimpleResolver}. Queries are
 * asynchronous, so any number can be in flight at once.
 *
 * <p>This is the only class that sends queries with dnsjava, and it is created on the refresh thread
 * (see {@link HostRefresher}), so that building and starting an allowlist load none of dnsjava's
 * classes on the application's starting thread.
 */
final class DnsQuerier {

  private static final int MAX_CNAME_HOPS = 8;

  private final List<SimpleResolver> resolvers;
  private final List<String> serverNames;
  private final int retries;
  private final Duration timeout;
  private final Executor executor;

  /**
   * @param servers the name servers, asked in turn
   * @param timeout how long one attempt may take
   * @param retries how many more attempts a lookup gets after a timeout or network error
   * @param executor where completions run
   */
  DnsQuerier(List<InetSocketAddress> servers, Duration timeout, int retries, Executor executor) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one DNS server is needed");
    }
    List<SimpleResolver> built = new ArrayList<>(servers.size());
    List<String> names = new ArrayList<>(servers.size());
    for (InetSocketAddress server : servers) {
      SimpleResolver resolver = new SimpleResolver(server);
      resolver.setTimeout(timeout);
      built.add(resolver);
      names.add(describe(server));
    }
    this.resolvers = List.copyOf(built);
    this.serverNames = List.copyOf(names);
    this.retries = retries;
    this.timeout = timeout;
    this.executor = executor;
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

  /** Looks {@code name} up; the future always completes normally, failures as {@link LookupOutcome.Failed}. */
  CompletableFuture<LookupOutcome> lookup(Name name, RecordFamily family) {
    CompletableFuture<LookupOutcome> result = new CompletableFuture<>();
    attempt(name, family, 0, result);
    return result;
  }

  private void attempt(Name name, RecordFamily family, int attempt, CompletableFuture<LookupOutcome> result) {
    int index = attempt % resolvers.size();
    SimpleResolver resolver = resolvers.get(index);
    String server = serverNames.get(index);
    CompletionStage<Message> sent;
    try {
      Message query = Message.newQuery(Record.newRecord(name, family.type(), DClass.IN));
      sent = resolver.sendAsync(query, executor);
    } catch (RuntimeException e) {
      result.complete(new LookupOutcome.Failed("cannot send a query to " + server + ": " + e));
      return;
    }
    sent.whenComplete((response, error) -> {
      LookupOutcome outcome;
      boolean retryable;
      if (error != null || response == null) {
        outcome = failure(error, server, attempt + 1);
        retryable = true;
      } else {
        outcome = classify(response, name, family, server);
        retryable = outcome instanceof LookupOutcome.Failed && resolvers.size() > 1;
      }
      if (retryable && attempt < retries) {
        attempt(name, family, attempt + 1, result);
      } else {
        result.complete(outcome);
      }
    });
  }

  private LookupOutcome.Failed failure(@Nullable Throwable error, String server, int attempts) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
    if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
      return new LookupOutcome.Failed(
          "timeout asking " + server + " (" + Durations.describe(timeout) + " per query, " + tries + ")");
    }
    if (cause instanceof WireParseException) {
      return new LookupOutcome.Failed(
          "unusable answer from " + server + ": " + cause.getMessage() + " (" + tries + ")");
    }
    if (cause instanceof IOException) {
      return new LookupOutcome.Failed(
          "network error asking " + server + ": " + cause + " (" + tries + ")");
    }
    return new LookupOutcome.Failed("lookup via " + server + " failed: " + cause + " (" + tries + ")");
  }

  /** Turns a response into an outcome; package-private for tests. */
  static LookupOutcome classify(Message response, Name name, RecordFamily family, String server) {
    Record question = response.getQuestion();
    if (question == null || !question.getName().equals(name) || question.getType() != family.type()) {
      return new LookupOutcome.Failed("answer from " + server + " does not match the question");
    }
    if (response.getHeader().getFlag(Flags.TC)) {
      return new LookupOutcome.Failed("truncated answer from " + server);
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return new LookupOutcome.Answered(List.of(), negativeTtl(response), "NXDOMAIN from " + server);
    }
    if (rcode != Rcode.NOERROR) {
      return new LookupOutcome.Failed(Rcode.string(rcode) + " from " + server);
    }
    List<Record> answers = response.getSection(Section.ANSWER);
    Name current = name;
    long ttl = Long.MAX_VALUE;
    for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      List<IpAddress> found = new ArrayList<>();
      long foundTtl = Long.MAX_VALUE;
      @Nullable Name next = null;
      long cnameTtl = Long.MAX_VALUE;
      for (Record record : answers) {
        if (!record.getName().equals(current)) {
          continue;
        }
        if (record.getType() == family.type()) {
          @Nullable IpAddress address = address(record);
          if (address != null) {
            found.add(address);
            foundTtl = Math.min(foundTtl, record.getTTL());
          }
        } else if (record.getType() == Type.CNAME) {
          next = ((CNAMERecord) record).getTarget();
          cnameTtl = record.getTTL();
        }
      }
      if (!found.isEmpty()) {
        return new LookupOutcome.Answered(
            found, Math.min(ttl, foundTtl), found.size() + " " + family + " records from " + server);
      }
      if (next == null) {
        break;
      }
      ttl = Math.min(ttl, cnameTtl);
      current = next;
    }
    long negative = negativeTtl(response);
    return new LookupOutcome.Answered(
        List.of(), negative < 0 ? negative : Math.min(ttl, negative), "no " + family + " records from " + server);
  }

  private static @Nullable IpAddress address(Record record) {
    InetAddress inet;
    if (record instanceof ARecord a) {
      inet = a.getAddress();
    } else if (record instanceof AAAARecord aaaa) {
      inet = aaaa.getAddress();
    } else {
      return null;
    }
    return IpAddress.tryParse(inet.getHostAddress());
  }

  /** The RFC 2308 negative TTL: the smaller of the SOA's TTL and MINIMUM, or -1 without an SOA. */
  private static long negativeTtl(Message response) {
    for (Record record : response.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa) {
        return Math.min(soa.getTTL(), soa.getMinimum());
      }
    }
    return -1;
  }

  static String describe(InetSocketAddress server) {
    InetAddress address = server.getAddress();
    String host = address == null ? server.getHostString() : address.getHostAddress();
    return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + server.getPort();
  }
}
