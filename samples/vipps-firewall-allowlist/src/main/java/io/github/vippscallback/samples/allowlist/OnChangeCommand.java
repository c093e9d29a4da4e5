package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code --on-change} command through the shell ({@code /bin/sh -c}, or {@code cmd.exe /c} on
 * Windows) with the set, in the chosen format, on its standard input, and with the environment
 * variables {@code VIPPS_ENVIRONMENT}, {@code VIPPS_ALLOWLIST}, {@code VIPPS_ALLOWLIST_ADDED} and
 * {@code VIPPS_ALLOWLIST_REMOVED} (space-separated CIDRs). Its output goes to this tool's standard error.
 * A command that fails or outlasts {@link #TIMEOUT} is reported; the tool keeps watching.
 */
final class OnChangeCommand implements SetReporter {

  /** How long one run of the command may take before it is stopped. */
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final String command;
  private final PrintStream err;
  private final OutputFormat format;
  private final VippsEnvironment environment;

  OnChangeCommand(String command, PrintStream err, OutputFormat format, VippsEnvironment environment) {
    this.command = command;
    this.err = err;
    this.format = format;
    this.environment = environment;
  }

  @Override
  public void report(Set<IpRange> current, Set<IpRange> added, Set<IpRange> removed)
      throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(shell()).redirectErrorStream(true);
    Map<String, String> variables = builder.environment();
    variables.put("VIPPS_ENVIRONMENT", environment.id());
    variables.put("VIPPS_ALLOWLIST", Entries.spaceSeparatedCidrs(current));
    variables.put("VIPPS_ALLOWLIST_ADDED", Entries.spaceSeparatedCidrs(added));
    variables.put("VIPPS_ALLOWLIST_REMOVED", Entries.spaceSeparatedCidrs(removed));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      err.println("error: --on-change command could not be started: " + e.getMessage());
      return;
    }
    Thread pump = new Thread(() -> copyToErr(process.getInputStream()), "on-change-output");
    pump.setDaemon(true);
    pump.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(format.render(environment, current).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("warning: --on-change command did not read the whole set: " + e.getMessage());
    }
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      err.println("error: --on-change command ran longer than " + TIMEOUT.toSeconds()
          + " s and was stopped; it runs again at the next change");
      return;
    }
    pump.join(TimeUnit.SECONDS.toMillis(5));
    int exit = process.exitValue();
    if (exit != 0) {
      err.println("error: --on-change command exited with " + exit + "; it runs again at the next change");
    }
  }

  private List<String> shell() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return windows ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
  }

  private void copyToErr(InputStream output) {
    try (output) {
      output.transferTo(err);
      err.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
