package io.github.vippscallback.benchmarks;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Shows that the first resolution of every host costs one DNS round trip, not one per host: a loopback
 * DNS server holds back every answer until all of the environment's A and AAAA queries have arrived
 * (or 10 seconds pass), then answers, and the allowlist becomes ready. If the hosts were resolved one
 * after another, only one query would ever arrive while answers are held.
 *
 * <p>Run: {@code java -cp vipps-callback-benchmarks/target/benchmarks.jar
 * io.github.vippscallback.benchmarks.FirstResolutionProbe [prod|test]}. Loopback only; ends by itself.
 */
public final class FirstResolutionProbe {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private FirstResolutionProbe() {}

  /**
   * Runs the probe and prints what it saw; exits non-zero when the queries were not all in flight at once.
   *
   * @param args optionally the environment, {@code prod} (default) or {@code test}
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    VippsEnvironment environment = VippsEnvironment.parse(args.length > 0 ? args[0] : "prod");
    List<String> hosts = environment.requestServers();
    int expectedQueries = hosts.size() * 2; // A and AAAA
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      int octet = 10;
      for (String host : hosts) {
        dns.answer(host, 300, "127.0.0." + octet++, "::1");
      }
      dns.holdAnswers();
      try (VippsAllowlist allowlist = VippsAllowlist.builder(environment)
          .dnsServers(List.of(dns.address()))
          .build()) {
        long started = System.nanoTime();
        allowlist.start();
        long deadline = started + PATIENCE.toNanos();
        int arrived;
        while ((arrived = queries(dns, hosts)) < expectedQueries && System.nanoTime() < deadline) {
          Thread.sleep(1); // a polling probe, not a test: nothing else to wait on
        }
        long allSent = System.nanoTime();
        dns.releaseAnswers();
        boolean ready = allowlist.awaitFirstResolution(PATIENCE);
        long readyAt = System.nanoTime();
        System.out.printf(Locale.ROOT,
            "environment=%s hosts=%d queries-in-flight-before-any-answer=%d/%d all-sent-after=%.1fms"
                + " ready=%s ready-after-answers-released=%.1fms total=%.1fms%n",
            environment.id(), hosts.size(), arrived, expectedQueries, millis(allSent - started), ready,
            millis(readyAt - allSent), millis(readyAt - started));
        if (arrived < expectedQueries || !ready) {
          System.exit(1);
        }
      }
    }
  }

  private static int queries(LoopbackDnsServer dns, List<String> hosts) {
    int sum = 0;
    for (String host : hosts) {
      sum += dns.queryCount(host);
    }
    return sum;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
