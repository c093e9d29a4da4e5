package io.github.vippscallback.benchmarks;

import io.github.vippscallback.spring.autoconfigure.CallbackEndpoint;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpointPatterns;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What deciding whether a request is for a guarded endpoint costs, against what Spring's handler mapping
 * spends on the same path anyway (parse the path, match one {@code PathPattern}):
 *
 * <ul>
 *   <li>{@code springParseAndMatch}: the baseline, {@code PathContainer.parsePath} + one match;
 *   <li>{@code guardedPlain}: Vipps' request, {@code POST /vipps/callbacks/42} (guarded);
 *   <li>{@code otherPlain}: any other request of the application, {@code GET /shop/items/42} (not guarded:
 *       every reading is tried, which for a plain path is the path itself, case and trailing {@code /}
 *       ignored);
 *   <li>{@code climbOutOfAnotherRoute}: a stranger's {@code POST /shop/%2e%2e/vipps/callbacks/42}, the slow
 *       path: every reading built and matched.
 * </ul>
 *
 * <p>Run: {@code java -jar vipps-callback-benchmarks/target/benchmarks.jar PathMatchBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathMatchBenchmark {

  private static final Object NO_CONDITIONS = new Object();

  private final CallbackEndpointPatterns patterns = CallbackEndpointPatterns.of(List.of(
      new CallbackEndpoint("/vipps/callbacks/{orderId}", Set.of("POST")),
      new CallbackEndpoint("/vipps/shipping/**", Set.of("POST", "GET")),
      new CallbackEndpoint("/webhooks/payment", Set.of())));
  private final PathPattern springPattern = new PathPatternParser().parse("/vipps/callbacks/{orderId}");

  // Fields, not constants: JMH must not fold them.
  private String guardedPath = "/vipps/callbacks/42";
  private String otherPath = "/shop/items/42";
  private String climb = "/shop/%2e%2e/vipps/callbacks/42";

  @Benchmark
  public boolean springParseAndMatch() {
    return springPattern.matches(PathContainer.parsePath(guardedPath));
  }

  @Benchmark
  public boolean guardedPlain() {
    return patterns.matches("POST", guardedPath, NO_CONDITIONS);
  }

  @Benchmark
  public boolean otherPlain() {
    return patterns.matches("GET", otherPath, NO_CONDITIONS);
  }

  @Benchmark
  public boolean climbOutOfAnotherRoute() {
    return patterns.matches("POST", climb, NO_CONDITIONS);
  }
}
