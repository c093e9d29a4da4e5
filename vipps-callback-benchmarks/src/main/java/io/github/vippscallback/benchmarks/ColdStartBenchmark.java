package io.github.vippscallback.benchmarks;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * What the allowlist costs an application's start-up, cold: in a fresh JVM (one measured shot per fork,
 * no warm-up), build a {@link VippsAllowlist} of the environment, start it and wait for the first
 * resolution of every host. This is the work (class loading of dnsjava included) the
 * starter's allowlist bean adds (on the starting thread: {@code buildAndStart}; in all:
 * {@code buildStartAndResolve}); the DNS server runs in a separate process
 * ({@link LoopbackDnsMain}, on loopback) so that its classes are not loaded beforehand. Logging is
 * initialised before the measured shot, as it is in every application long before the starter's bean
 * is created (this jar carries Logback for {@code TwinEndpointsApplication}; its start-up is not the
 * allowlist's cost).
 */
@SuppressWarnings("NullAway.Init") // JMH fills @State fields in @Setup, before any @Benchmark runs.
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {

  /** The environment whose hosts are resolved. */
  @Param({"prod"})
  public String environment = "prod";

  private Process dns;
  private String dnsAddress;
  private VippsAllowlist allowlist;

  /** Starts the loopback DNS server in its own process and reads its address. */
  @Setup(Level.Trial)
  public void startDns() throws IOException {
    LoggerFactory.getLogger(ColdStartBenchmark.class).info("Logging initialised before the measured shot");
    String java = ProcessHandle.current().info().command().orElse("java");
    dns = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LoopbackDnsMain.class.getName(), "120", "300", "fixed", "127.0.0.1")
        .redirectErrorStream(true)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(dns.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("dns=")) {
        dnsAddress = line.substring(4);
        return;
      }
    }
    throw new IllegalStateException("the loopback DNS server did not start");
  }

  /** Stops the allowlist and the DNS server process. */
  @TearDown(Level.Trial)
  public void stop() {
    allowlist.close();
    dns.destroy();
  }

  /**
   * Build and start only: what the starter's allowlist bean costs the thread that starts the
   * application; the resolution then runs in the background.
   */
  @Benchmark
  public VippsAllowlist buildAndStart() {
    allowlist = VippsAllowlist.builder(VippsEnvironment.parse(environment))
        .dnsServers(List.of(dnsAddress))
        .build();
    allowlist.start();
    return allowlist;
  }

  /** Build, start, first resolution of every host: everything, background included. */
  @Benchmark
  public boolean buildStartAndResolve() throws InterruptedException {
    allowlist = VippsAllowlist.builder(VippsEnvironment.parse(environment))
        .dnsServers(List.of(dnsAddress))
        .build();
    allowlist.start();
    boolean ready = allowlist.awaitFirstResolution(Duration.ofSeconds(30));
    if (!ready) {
      throw new IllegalStateException("not ready after the first resolution");
    }
    return ready;
  }
}
