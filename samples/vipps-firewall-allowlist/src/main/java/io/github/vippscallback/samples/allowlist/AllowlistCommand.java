package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.HostStatus;
import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The tool's logic, separate from {@code main} so it runs in-process in tests: parse the options,
 * resolve the request servers, report the set and, with {@code --watch}, report it again after every
 * change until {@code stop} completes (the real tool runs until it is killed).
 */
final class AllowlistCommand {

  /** How long the first resolution of all hosts may take; covers the core's default timeout and retries. */
  static final Duration FIRST_RESOLUTION_TIMEOUT = Duration.ofSeconds(15);

  private final PrintStream out;
  private final PrintStream err;
  private final CompletionStage<?> stop;
  /** The refused addresses last written to standard error, by host. */
  private final Map<String, List<String>> reportedRefusals = new HashMap<>();

  /**
   * @param out where sets are printed
   * @param err where usage, notes and errors go
   * @param stop ends {@code --watch} when it completes
   */
  AllowlistCommand(PrintStream out, PrintStream err, CompletionStage<?> stop) {
    this.out = out;
    this.err = err;
    this.stop = stop;
  }

  /** Runs the tool and returns its exit code (see {@link ExitCode}). */
  int run(String[] args) {
    if (OptionsParser.asksForHelp(args)) {
      out.print(Usage.TEXT);
      out.flush();
      return ExitCode.OK;
    }
    Options options;
    VippsAllowlist allowlist;
    try {
      options = OptionsParser.parse(args);
      allowlist = OptionsParser.allowlist(options);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(Usage.TEXT);
      err.flush();
      return ExitCode.USAGE;
    }
    try (allowlist) {
      return resolveAndReport(options, allowlist);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return ExitCode.FAILURE;
    }
  }

  private int resolveAndReport(Options options, VippsAllowlist allowlist) throws InterruptedException {
    ChangeQueue changes = new ChangeQueue();
    allowlist.addListener(changes);
    allowlist.start();
    if (!allowlist.awaitFirstResolution(FIRST_RESOLUTION_TIMEOUT)) {
      reportNothingResolved(allowlist);
      return ExitCode.NOTHING_RESOLVED;
    }
    reportRefusals(allowlist);
    SetReporter reporter = reporter(options);
    Set<IpRange> reported = allowlist.status().entries();
    reporter.report(reported, reported, Set.of());
    if (!options.watch()) {
      return ExitCode.OK;
    }
    stop.whenComplete((ignored, failure) -> changes.stop());
    err.println("watching " + allowlist.hosts().size() + " hosts of " + options.environment().id()
        + " for changes");
    while (true) {
      Optional<Set<IpRange>> next = changes.takeLatest();
      if (next.isEmpty()) {
        return ExitCode.OK;
      }
      Set<IpRange> current = next.get();
      reportRefusals(allowlist);
      if (current.equals(reported)) {
        continue;
      }
      Set<IpRange> added = difference(current, reported);
      Set<IpRange> removed = difference(reported, current);
      err.println("allowlist changed: " + added.size() + " added, " + removed.size() + " removed, "
          + current.size() + " now");
      if (current.isEmpty()) {
        err.println("warning: no address is known any more (every host failed for longer than max-stale"
            + " or has none): reporting the empty set, which lets nobody in");
      }
      reporter.report(current, added, removed);
      reported = current;
    }
  }

  private SetReporter reporter(Options options) {
    @Nullable String onChange = options.onChange();
    return onChange == null
        ? new PrintingReporter(out, err, options.format(), options.environment())
        : new OnChangeCommand(onChange, err, options.format(), options.environment());
  }

  /**
   * Writes to standard error, per host, the addresses its DNS answers held that the core's address policy
   * refused (special-purpose addresses, see {@code --accept-special-purpose-addresses}), when they differ
   * from what was last written.
   */
  private void reportRefusals(VippsAllowlist allowlist) {
    for (HostStatus host : allowlist.status().hosts()) {
      List<String> refused = host.refused();
      List<String> before = reportedRefusals.put(host.host(), refused);
      if (!refused.isEmpty() && !refused.equals(before)) {
        err.println("warning: " + host.host() + ": DNS answered addresses the address policy refused, left out"
            + " of the set: " + String.join("; ", refused));
      }
    }
    err.flush();
  }

  private void reportNothingResolved(VippsAllowlist allowlist) {
    VippsEnvironment environment = allowlist.environment();
    err.println("error: none of the request servers of " + environment.id() + " could be resolved:");
    for (HostStatus host : allowlist.status().hosts()) {
      err.println("  " + host.host() + ": " + whyNoAddresses(host));
    }
    err.flush();
  }

  private static String whyNoAddresses(HostStatus host) {
    String error = host.lastError();
    if (error != null) {
      return error;
    }
    if (host.lastSuccess() == null) {
      return "no answer within " + FIRST_RESOLUTION_TIMEOUT.toSeconds() + " s";
    }
    return "the DNS answer has no A or AAAA record (or the name does not exist)";
  }

  private static Set<IpRange> difference(Set<IpRange> from, Set<IpRange> minus) {
    Set<IpRange> result = new HashSet<>(from);
    result.removeAll(minus);
    return result;
  }
}
