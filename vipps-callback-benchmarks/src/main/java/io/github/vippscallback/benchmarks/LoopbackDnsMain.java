package io.github.vippscallback.benchmarks;

import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback DNS server for the end-to-end scripts: answers every request server of every environment
 * with the given addresses and TTL, optionally changing the answer every second (one extra address
 * rotates) so an allowlist with min-ttl 1s publishes a new snapshot each second. Prints
 * {@code dns=127.0.0.1:PORT} once it answers, and stops by itself after the given number of seconds.
 *
 * <p>Arguments: {@code SECONDS TTL rotate|fixed ADDRESS...}; loopback only.
 */
public final class LoopbackDnsMain {

  private LoopbackDnsMain() {}

  /**
   * Serves, then exits after {@code SECONDS}.
   *
   * @param args {@code SECONDS TTL rotate|fixed ADDRESS...}
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 4 || !(args[2].equals("rotate") || args[2].equals("fixed"))) {
      System.err.println("usage: LoopbackDnsMain SECONDS TTL rotate|fixed ADDRESS...");
      System.exit(2);
    }
    long seconds = Long.parseLong(args[0]);
    long ttl = Long.parseLong(args[1]);
    boolean rotate = args[2].equals("rotate");
    List<String> addresses = List.of(args).subList(3, args.length);
    List<String> hosts = new ArrayList<>();
    for (VippsEnvironment environment : VippsEnvironment.values()) {
      hosts.addAll(environment.requestServers());
    }
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      script(dns, hosts, ttl, addresses, 0);
      System.out.println("dns=" + dns.address());
      System.out.flush();
      for (long second = 1; second <= seconds; second++) {
        Thread.sleep(1000); // the scripted answer changes once a second, by design
        if (rotate) {
          script(dns, hosts, ttl, addresses, second);
        }
      }
      int total = 0;
      for (String host : hosts) {
        total += dns.queryCount(host);
      }
      System.out.println("dns-queries=" + total);
    }
  }

  private static void script(LoopbackDnsServer dns, List<String> hosts, long ttl, List<String> addresses, long round) {
    List<String> answer = new ArrayList<>(addresses);
    if (round > 0) {
      // 192.0.2.0/24 (TEST-NET-1): never a real client here, only makes the set change.
      answer.add("192.0.2." + (1 + round % 250));
    }
    for (String host : hosts) {
      dns.answer(host, ttl, answer.toArray(new String[0]));
    }
  }
}
