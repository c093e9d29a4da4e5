package io.github.vippscallback.address;

import io.github.vippscallback.benchmarks.BenchmarkAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullMarked;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where {@link AddressSet#contains(CharSequence)} spends its time: parsing the literal in place
 * ({@code parseOnly}: {@link IpLiteralParser#isLiteral}, whose visitor accepts every address) versus
 * the hash probes over the parsed address ({@code lookupOnly}, {@link AddressSet#contains(IpAddress)}
 * with the address parsed beforehand), over the 10,000-entry allowlist of
 * {@link AllowlistDecisionBenchmark}. For profiling, not for targets.
 */
@NullMarked
@SuppressWarnings("NullAway.Init") // JMH fills @State fields in @Setup, before any @Benchmark runs.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AddressSetAnatomyBenchmark {

  /** Which queries: see {@link BenchmarkAddresses#of}. */
  @Param({"ipv4-allowed", "ipv4-denied", "ipv6-allowed", "ipv6-denied"})
  public String query = "ipv4-allowed";

  /**
   * How many distinct queries to cycle through: 16 (the default of every benchmark here, so the branch
   * predictor cannot learn one string) or 1 (the same string every time, as when Vipps sends from one
   * request server for months). The difference between the two is what mispredicted branches cost.
   */
  @Param({"16", "1"})
  public int distinct = 16;

  private String[] queries;
  private IpAddress[] parsed;
  private AddressSet addressSet;
  private int next;
  private int mask;

  /** Builds the set and parses the queries once. */
  @Setup(Level.Trial)
  public void setUp() {
    BenchmarkAddresses fixture = BenchmarkAddresses.of(10_000, query);
    queries = fixture.queries().toArray(new String[0]);
    parsed = new IpAddress[queries.length];
    for (int i = 0; i < queries.length; i++) {
      parsed[i] = IpAddress.parse(queries[i]);
    }
    List<IpRange> ranges = new ArrayList<>();
    for (String entry : fixture.entries()) {
      ranges.add(IpRange.parse(entry));
    }
    addressSet = AddressSet.of(ranges);
    if (distinct != 1 && distinct != BenchmarkAddresses.QUERY_COUNT) {
      throw new IllegalArgumentException("distinct must be 1 or " + BenchmarkAddresses.QUERY_COUNT);
    }
    mask = distinct - 1;
    for (int i = 0; i < queries.length; i++) {
      String query = queries[i];
      if (addressSet.contains(parsed[i]) != fixture.allowed()
          || !IpLiteralParser.isLiteral(query, 0, query.length())) {
        throw new IllegalStateException("set-up is wrong for " + queries[i]);
      }
    }
  }

  /** Parsing the literal in place, nothing looked up. */
  @Benchmark
  public boolean parseOnly() {
    String query = queries[next++ & mask];
    return IpLiteralParser.isLiteral(query, 0, query.length());
  }

  /** The probes for an address parsed beforehand. */
  @Benchmark
  public boolean lookupOnly() {
    return addressSet.contains(parsed[next++ & mask]);
  }
}
