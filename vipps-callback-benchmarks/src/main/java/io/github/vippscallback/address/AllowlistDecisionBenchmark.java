package io.github.vippscallback.address;

import io.github.vippscallback.allowlist.AllowlistDecision;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.benchmarks.BenchmarkAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The allowlist decision for a remote-address string, against the ways people allow a list of addresses
 * today, all over the same allowlist and the same queries (see {@link BenchmarkAddresses}).
 *
 * <ul>
 *   <li>{@code addressSet}: {@link AddressSet#contains(CharSequence)}, the snapshot the request reads;
 *   <li>{@code allowlistDecide}: {@link VippsAllowlist#decide}, the public entry point, over an allowlist
 *       built from the same entries as additional addresses (never started: no DNS);
 *   <li>{@code springIpAddressMatcherAnyMatch}: one Spring Security {@link IpAddressMatcher} per entry,
 *       the first that matches wins (each parses the remote address again);
 *   <li>{@code springAuthorizationManagerAnyOf}: {@link AuthorizationManagers#anyOf} over one
 *       {@link IpAddressAuthorizationManager} per entry, asked with a request;
 *   <li>{@code springInetAddressMatchers}: Spring Security 7's {@link InetAddressMatchers} builder with
 *       the entries as include list (parses once, scans the list);
 *   <li>{@code inetAddressHashSet}: {@link InetAddress#getByName} of the literal, then a
 *       {@code HashSet<InetAddress>} of the single addresses (it cannot hold ranges: a lower bound).
 * </ul>
 *
 * <p>Each invocation asks about the next of {@link BenchmarkAddresses#QUERY_COUNT} different addresses,
 * so no contender gets a branch predictor trained on one string.
 *
 * <p>In this package (a split package on the class path) to reach the package-private {@link AddressSet}.
 */
@NullMarked
@SuppressWarnings("NullAway.Init") // JMH fills @State fields in @Setup, before any @Benchmark runs.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AllowlistDecisionBenchmark {

  /** The number of entries in the allowlist. */
  @Param({"10", "10000"})
  public int size;

  /** Which queries: see {@link BenchmarkAddresses#of}. */
  @Param({"ipv4-allowed", "ipv4-denied", "ipv6-allowed", "ipv6-denied"})
  public String query = "ipv4-allowed";

  private String[] queries;
  private AddressSet addressSet;
  private VippsAllowlist allowlist;
  private IpAddressMatcher[] ipAddressMatchers;
  private AuthorizationManager<RequestAuthorizationContext> authorizationManager;
  private RequestAuthorizationContext[] requests;
  private InetAddressMatcher inetAddressMatcher;
  private Set<InetAddress> inetAddresses;
  private final Supplier<Authentication> noAuthentication = () -> {
    throw new IllegalStateException("IP address checks never ask for the authentication");
  };
  private int next;

  /** Builds every contender over the same entries and checks each answers every query correctly. */
  @Setup(Level.Trial)
  public void setUp() throws UnknownHostException {
    BenchmarkAddresses fixture = BenchmarkAddresses.of(size, query);
    queries = fixture.queries().toArray(new String[0]);

    List<IpRange> ranges = new ArrayList<>();
    for (String entry : fixture.entries()) {
      ranges.add(IpRange.parse(entry));
    }
    addressSet = AddressSet.of(ranges);
    allowlist = VippsAllowlist.builder(VippsEnvironment.PROD)
        .additionalAddresses(fixture.entries())
        .dnsServers(List.of("127.0.0.1:9")) // never asked: the allowlist is not started
        .build();

    ipAddressMatchers = fixture.entries().stream().map(IpAddressMatcher::new).toArray(IpAddressMatcher[]::new);
    @SuppressWarnings("unchecked")
    AuthorizationManager<RequestAuthorizationContext>[] managers = fixture.entries().stream()
        .map(IpAddressAuthorizationManager::hasIpAddress)
        .toArray(AuthorizationManager[]::new);
    authorizationManager = AuthorizationManagers.anyOf(managers);
    requests = new RequestAuthorizationContext[queries.length];
    for (int i = 0; i < queries.length; i++) {
      MockHttpServletRequest request = new MockHttpServletRequest("POST", "/vipps/callback");
      request.setRemoteAddr(queries[i]);
      requests[i] = new RequestAuthorizationContext(request);
    }
    inetAddressMatcher = InetAddressMatchers.builder().includeAddresses(fixture.entries()).build();
    inetAddresses = fixture.singleInetAddresses();

    boolean expected = fixture.allowed();
    for (int i = 0; i < queries.length; i++) {
      next = i;
      check("addressSet", addressSet(), expected);
      check("allowlistDecide", allowlistDecide() == AllowlistDecision.ALLOWED, expected);
      check("springIpAddressMatcherAnyMatch", springIpAddressMatcherAnyMatch(), expected);
      next = i;
      check("springAuthorizationManagerAnyOf", springAuthorizationManagerAnyOf().isGranted(), expected);
      next = i;
      check("springInetAddressMatchers", springInetAddressMatchers(), expected);
      next = i;
      check("inetAddressHashSet", inetAddressHashSet(), expected);
    }
    next = 0;
  }

  private void check(String contender, boolean answer, boolean expected) {
    if (answer != expected) {
      throw new IllegalStateException(contender + " answered " + answer + " for " + queries[(next - 1) & BenchmarkAddresses.QUERY_MASK]
          + " (" + query + ", size " + size + ")");
    }
  }

  /** Stops nothing (the allowlist was never started) but releases what {@code build()} holds. */
  @TearDown(Level.Trial)
  public void tearDown() {
    allowlist.close();
  }

  private String nextQuery() {
    return queries[next++ & BenchmarkAddresses.QUERY_MASK];
  }

  /** The snapshot's allocation-free membership test. */
  @Benchmark
  public boolean addressSet() {
    return addressSet.contains(nextQuery());
  }

  /** The public decision: readiness plus membership. */
  @Benchmark
  public AllowlistDecision allowlistDecide() {
    return allowlist.decide(nextQuery());
  }

  /** One Spring Security {@link IpAddressMatcher} per entry, first match wins. */
  @Benchmark
  public boolean springIpAddressMatcherAnyMatch() {
    String address = nextQuery();
    for (IpAddressMatcher matcher : ipAddressMatchers) {
      if (matcher.matches(address)) {
        return true;
      }
    }
    return false;
  }

  /** {@code AuthorizationManagers.anyOf(hasIpAddress(entry)...)}, as a request would ask it. */
  @Benchmark
  public AuthorizationResult springAuthorizationManagerAnyOf() {
    return java.util.Objects.requireNonNull(
        authorizationManager.authorize(noAuthentication, requests[next++ & BenchmarkAddresses.QUERY_MASK]));
  }

  /** Spring Security 7's include-list matcher: parse once, scan the entries. */
  @Benchmark
  public boolean springInetAddressMatchers() {
    return inetAddressMatcher.matches(nextQuery());
  }

  /** {@code InetAddress.getByName(literal)} and a hash set of the single addresses. */
  @Benchmark
  public boolean inetAddressHashSet() throws UnknownHostException {
    return inetAddresses.contains(InetAddress.getByName(nextQuery()));
  }
}
