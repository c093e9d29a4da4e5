package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated command line.
 *
 * @param environment whose request servers to resolve
 * @param settings the library's settings as given, by flag (a repeated {@code --dns-server} comma-joined)
 * @param format how to print the set
 * @param watch whether to keep running and report every change
 * @param onChange the shell command to run with the set, or null to print it
 */
record Options(
    VippsEnvironment environment,
    Map<String, String> settings,
    OutputFormat format,
    boolean watch,
    @Nullable String onChange) {

  Options {
    settings = Map.copyOf(settings);
  }
}
