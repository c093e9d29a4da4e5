package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.io.PrintStream;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Prints the whole set to standard output in the chosen format; notes go to standard error. */
final class PrintingReporter implements SetReporter {

  private final PrintStream out;
  private final PrintStream err;
  private final OutputFormat format;
  private final VippsEnvironment environment;

  PrintingReporter(PrintStream out, PrintStream err, OutputFormat format, VippsEnvironment environment) {
    this.out = out;
    this.err = err;
    this.format = format;
    this.environment = environment;
  }

  @Override
  public void report(Set<IpRange> current, Set<IpRange> added, Set<IpRange> removed) {
    @Nullable String leftOut = format.leftOut(current);
    if (leftOut != null) {
      err.println(leftOut);
    }
    out.print(format.render(environment, current));
    out.flush();
  }
}
