package io.github.vippscallback.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting {@code cpu.time.norm}: the CPU time the benchmark JVM used per operation, in
 * ns/op. On a machine whose cores are shared with other work, a benchmark thread that waits for a core
 * inflates the wall-clock score (ns/op) but not its CPU time, so this is the better estimate of what an
 * operation costs on an idle core. It counts the whole process (JIT and GC threads too), so it can only
 * over-estimate a single-threaded benchmark once warmed up.
 *
 * <p>Use: {@code -prof io.github.vippscallback.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuAtStart;

  /** JMH creates profilers reflectively. */
  public CpuTimeProfiler() {}

  @Override
  public String getDescription() {
    return "Process CPU time per operation (cpu.time.norm, ns/op): robust against waiting for a shared core";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuAtStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuAtStart;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
    return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
  }
}
