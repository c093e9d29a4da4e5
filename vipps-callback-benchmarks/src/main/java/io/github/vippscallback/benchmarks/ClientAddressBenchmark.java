package io.github.vippscallback.benchmarks;

import io.github.vippscallback.allowlist.AllowlistDecision;
import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Client-address resolution behind three trusted proxies: the peer is the last proxy and the
 * forwarded header holds the client and the two proxies before it, e.g.
 * {@code X-Forwarded-For: 203.0.113.7, 10.0.0.1, 10.0.0.2} from peer {@code 10.0.0.3}.
 *
 * <ul>
 *   <li>{@code resolve}: {@link ClientAddressResolver#resolve};
 *   <li>{@code splitAndInetAddress}: the usual hand-written way, for scale: split the header on commas,
 *       trim, {@link InetAddress#getByName} each hop, skip hops one of Spring Security's
 *       {@link IpAddressMatcher}s trusts;
 *   <li>{@code resolveThenDecide}: the whole request path of the filter: resolve, then
 *       {@link VippsAllowlist#decide} over the ten-entry allowlist.
 * </ul>
 */
@SuppressWarnings("NullAway.Init") // JMH fills @State fields in @Setup, before any @Benchmark runs.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClientAddressBenchmark {

  /** The header and address family. */
  @Param({"x-forwarded-for-ipv4", "x-forwarded-for-ipv6", "forwarded-ipv4"})
  public String headers = "x-forwarded-for-ipv4";

  private String peer;
  private List<String> xForwardedFor;
  private List<String> forwarded;
  private String expectedClient;
  private ClientAddressResolver resolver;
  private IpAddressMatcher[] trustedMatchers;
  private VippsAllowlist allowlist;

  /** Builds the resolver and the headers, and checks every contender finds the client. */
  @Setup(Level.Trial)
  public void setUp() throws UnknownHostException {
    List<String> trusted = List.of("10.0.0.0/8", "fd00::/8");
    resolver = ClientAddressResolver.trusting(trusted);
    trustedMatchers = trusted.stream().map(IpAddressMatcher::new).toArray(IpAddressMatcher[]::new);
    switch (headers) {
      case "x-forwarded-for-ipv4" -> {
        peer = "10.0.0.3";
        xForwardedFor = List.of("203.0.113.7, 10.0.0.1, 10.0.0.2");
        forwarded = List.of();
        expectedClient = "203.0.113.7";
      }
      case "x-forwarded-for-ipv6" -> {
        peer = "fd00:0:0:0:0:0:0:3";
        xForwardedFor = List.of("2001:db8:85a3::8a2e:370:7334, fd00::1, fd00::2");
        forwarded = List.of();
        expectedClient = "2001:db8:85a3::8a2e:370:7334";
      }
      case "forwarded-ipv4" -> {
        peer = "10.0.0.3";
        xForwardedFor = List.of();
        forwarded = List.of("for=203.0.113.7;proto=https, for=10.0.0.1, for=10.0.0.2");
        expectedClient = "203.0.113.7";
      }
      default -> throw new IllegalArgumentException("headers: '" + headers
          + "' is not valid; use x-forwarded-for-ipv4, x-forwarded-for-ipv6 or forwarded-ipv4");
    }
    BenchmarkAddresses fixture = BenchmarkAddresses.of(10, "ipv4-allowed");
    allowlist = VippsAllowlist.builder(VippsEnvironment.PROD)
        .additionalAddresses(Stream.concat(fixture.entries().stream(), Stream.of(expectedClient)).toList())
        .dnsServers(List.of("127.0.0.1:9")) // never asked: the allowlist is not started
        .build();

    String resolved = resolve();
    if (!expectedClient.equals(resolved)) {
      throw new IllegalStateException("resolve found " + resolved + ", expected " + expectedClient);
    }
    String baseline = splitAndInetAddress();
    if (!InetAddress.getByName(expectedClient).getHostAddress().equals(baseline)) {
      throw new IllegalStateException("baseline found " + baseline + ", expected " + expectedClient);
    }
    if (resolveThenDecide() != AllowlistDecision.ALLOWED) {
      throw new IllegalStateException("the client " + expectedClient + " is not allowed");
    }
  }

  /** Releases what {@code build()} holds; the allowlist was never started. */
  @TearDown(Level.Trial)
  public void tearDown() {
    allowlist.close();
  }

  /** The library's resolver. */
  @Benchmark
  public @Nullable String resolve() {
    return resolver.resolve(peer, xForwardedFor, forwarded);
  }

  /**
   * Split, trim, {@code InetAddress.getByName}, Spring Security matchers for the trusted proxies; for
   * {@code Forwarded}, the {@code for=} parameter of each element.
   */
  @Benchmark
  public @Nullable String splitAndInetAddress() throws UnknownHostException {
    if (!trusted(InetAddress.getByName(peer).getHostAddress())) {
      return peer;
    }
    boolean useForwarded = xForwardedFor.isEmpty();
    List<String> values = useForwarded ? forwarded : xForwardedFor;
    if (values.isEmpty()) {
      return null;
    }
    String[] hops = values.get(values.size() - 1).split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (useForwarded) {
        int start = hop.indexOf("for=");
        int end = hop.indexOf(';', start);
        hop = start < 0 ? "" : hop.substring(start + 4, end < 0 ? hop.length() : end);
      }
      String address = InetAddress.getByName(hop).getHostAddress();
      if (!trusted(address)) {
        return address;
      }
    }
    return null;
  }

  private boolean trusted(String address) {
    for (IpAddressMatcher matcher : trustedMatchers) {
      if (matcher.matches(address)) {
        return true;
      }
    }
    return false;
  }

  /** What the filter does per request: resolve the client, then decide. */
  @Benchmark
  public AllowlistDecision resolveThenDecide() {
    return allowlist.decide(resolver.resolve(peer, xForwardedFor, forwarded));
  }
}
