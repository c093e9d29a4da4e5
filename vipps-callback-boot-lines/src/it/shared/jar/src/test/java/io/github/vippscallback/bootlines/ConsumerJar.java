package io.github.vippscallback.bootlines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer application's repackaged jar ({@code spring-boot-maven-plugin}, system property {@code
 * consumer.jar}), started as a merchant starts it: {@code java -jar}, in a child process of its own, with its
 * settings on the command line. Its output (standard output and error) is kept, and written to {@code
 * target/jar-<name>.log} for whoever reads a failure.
 */
final class ConsumerJar implements AutoCloseable {

  /** How long a start-up may take on a busy two-core build machine. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** Tomcat and Netty on Boot 3 and 4 ("started on port 8080"), Tomcat on Boot 2 ("started on port(s): 8080"). */
  private static final Pattern PORT = Pattern.compile("started on port(?:\\(s\\))?:? (\\d+)");
  private static final String STARTED = "Started ConsumerApplication in ";

  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;
  private volatile boolean closing;

  private ConsumerJar(String name, Process process, Writer log) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(() -> read(log), "consumer-jar-" + name);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Starts {@code java [jvmOptions] -jar <consumer.jar> [arguments]}.
   *
   * @param name what this run is, for its log file
   */
  static ConsumerJar start(String name, List<String> jvmOptions, List<String> arguments) throws IOException {
    String jar = System.getProperty("consumer.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property consumer.jar (set by the consumer's pom) names no jar: " + jar);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Start-up speed only: the checks are about behaviour, not peak performance.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar);
    command.addAll(arguments);
    Path log = Path.of(jar).resolveSibling("jar-" + name + ".log");
    Writer writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    writer.write(String.join(" ", command) + System.lineSeparator());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ConsumerJar started = new ConsumerJar(name, process, writer);
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return started;
  }

  private void read(Writer log) {
    try (log; BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
        log.write(line);
        log.write(System.lineSeparator());
        log.flush();
      }
    } catch (IOException e) {
      if (!closing) {
        throw new UncheckedIOException(e);
      }
      // closed with the process: nothing more to read
    } finally {
      synchronized (lines) {
        lines.notifyAll();
      }
    }
  }

  /**
   * Waits for the application's "Started ConsumerApplication in ..." line and returns the port it listens
   * on; fails, with the output, when the process ends first or the time is up.
   */
  int awaitStarted() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    synchronized (lines) {
      while (lines.stream().noneMatch(line -> line.contains(STARTED))) {
        long left = deadline - System.nanoTime();
        if (!process.isAlive() && !reader.isAlive() || left <= 0) {
          throw new AssertionError("the " + name + " jar did not start (" + (process.isAlive()
              ? "not within " + START_TIMEOUT : "exit code " + process.exitValue()) + "):\n" + output());
        }
        lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
      }
      for (String line : lines) {
        Matcher port = PORT.matcher(line);
        if (port.find()) {
          return Integer.parseInt(port.group(1));
        }
      }
    }
    throw new AssertionError("the " + name + " jar started but logged no port:\n" + output());
  }

  /** Waits for the process to end by itself and returns its exit code; fails when it is still running. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the " + name + " jar still runs after " + START_TIMEOUT + ":\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Everything the process wrote so far, standard output and error, one line each. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Stops the application as a service manager does (SIGTERM), forcibly after 20 seconds. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
  }
}
