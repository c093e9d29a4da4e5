package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.VippsEnvironment;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated command line.
 *
 * @param environment whose request servers to resolve
 * @param dnsServers the DNS servers to ask; empty means the system's resolvers
 * @param format how to print the set
 * @param minTtl the shortest refresh interval, or null for the core's default
 * @param maxTtl the longest refresh interval, or null for the core's default
 * @param watch whether to keep running and report every change
 * @param onChange the shell command to run with the set, or null to print it
 */
record Options(
    VippsEnvironment environment,
    List<String> dnsServers,
    OutputFormat format,
    @Nullable Duration minTtl,
    @Nullable Duration maxTtl,
    boolean watch,
    @Nullable String onChange) {

  Options {
    dnsServers = List.copyOf(dnsServers);
  }
}
