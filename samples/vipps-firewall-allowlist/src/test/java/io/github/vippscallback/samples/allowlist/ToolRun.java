package io.github.vippscallback.samples.allowlist;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Runs {@link AllowlistCommand} in-process, capturing what it prints. Thread-safe to read while it runs. */
final class ToolRun {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<Void> stop = new CompletableFuture<>();
  private final AllowlistCommand command = new AllowlistCommand(
      new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8),
      stop);

  static ToolRun create() {
    return new ToolRun();
  }

  int run(String... args) {
    return command.run(args);
  }

  /** Ends {@code --watch}. */
  void stop() {
    stop.complete(null);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
