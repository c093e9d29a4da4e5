package io.github.vippscallback.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.vippscallback.allowlist.AllowlistDecision;
import io.github.vippscallback.address.AllowlistDecisionBenchmark;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmarks measure what their names say: every contender, for every parameter JMH runs, answers
 * each query as expected (set-up throws otherwise), and the fixtures have the documented shape. Runs in
 * the normal build; it times nothing.
 */
class BenchmarkSetUpTest {

  @ParameterizedTest
  @CsvSource({
    "10, ipv4-allowed", "10, ipv4-denied", "10, ipv6-allowed", "10, ipv6-denied",
    "10000, ipv4-allowed", "10000, ipv4-denied", "10000, ipv6-allowed", "10000, ipv6-denied"
  })
  void setUpWhenEveryContenderAgreesThenDecisionMatchesQueryKind(int size, String query) throws Exception {
    AllowlistDecisionBenchmark benchmark = new AllowlistDecisionBenchmark();
    benchmark.size = size;
    benchmark.query = query;

    benchmark.setUp();
    try {
      AllowlistDecision expected = query.endsWith("allowed") ? AllowlistDecision.ALLOWED : AllowlistDecision.DENIED;
      for (int i = 0; i < BenchmarkAddresses.QUERY_COUNT; i++) {
        assertThat(benchmark.allowlistDecide()).isEqualTo(expected);
        assertThat(benchmark.addressSet()).isEqualTo(expected == AllowlistDecision.ALLOWED);
        assertThat(benchmark.springIpAddressMatcherAnyMatch()).isEqualTo(expected == AllowlistDecision.ALLOWED);
      }
    } finally {
      benchmark.tearDown();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-forwarded-for-ipv4", "x-forwarded-for-ipv6", "forwarded-ipv4"})
  void setUpWhenClientBehindThreeTrustedProxiesThenResolvesAndAllowsIt(String headers) throws Exception {
    ClientAddressBenchmark benchmark = new ClientAddressBenchmark();
    benchmark.headers = headers;

    benchmark.setUp();
    try {
      assertThat(benchmark.resolve()).isIn("203.0.113.7", "2001:db8:85a3::8a2e:370:7334");
      assertThat(benchmark.resolveThenDecide()).isEqualTo(AllowlistDecision.ALLOWED);
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void webhookSetUpWhenTwoSecretsThenTheSecondMatchesA2KbBody() throws Exception {
    WebhookVerificationBenchmark benchmark = new WebhookVerificationBenchmark();

    benchmark.setUp();

    assertThat(WebhookVerificationBenchmark.body(WebhookVerificationBenchmark.BODY_SIZE)).hasSize(2048);
    assertThat(benchmark.oneSecret().isValid()).isTrue();
    assertThat(benchmark.twoSecretsSecondMatches().isValid()).isTrue();
    assertThat(benchmark.twoSecretsSecondMatches().secretTag()).isEqualTo("new");
    assertThat(benchmark.hmacOfSignedText()).hasSize(32);
  }

  @Test
  void fixtureWhenTenEntriesThenHalfPerFamilyAndOneRangeEach() {
    BenchmarkAddresses fixture = BenchmarkAddresses.of(10, "ipv6-allowed");

    List<String> entries = fixture.entries();
    assertThat(entries).hasSize(10).doesNotHaveDuplicates();
    assertThat(entries.stream().filter(e -> e.contains(":"))).hasSize(5);
    assertThat(entries.stream().filter(e -> e.contains("/"))).hasSize(2);
    assertThat(fixture.singleAddresses()).hasSize(8);
    assertThat(fixture.queries()).hasSize(BenchmarkAddresses.QUERY_COUNT).allMatch(q -> q.contains(":"));
  }

  @Test
  void fixtureWhenSameArgumentsThenSameAddresses() {
    assertThat(BenchmarkAddresses.of(10000, "ipv4-denied").queries())
        .isEqualTo(BenchmarkAddresses.of(10000, "ipv4-denied").queries());
    assertThat(BenchmarkAddresses.of(10000, "ipv4-denied").entries()).hasSize(10000).doesNotHaveDuplicates();
  }

  @Test
  void fixtureWhenUnknownQueryThenNamesValidValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BenchmarkAddresses.of(10, "ipv5-allowed"))
        .withMessageContaining("ipv5-allowed")
        .withMessageContaining("ipv4-allowed, ipv4-denied, ipv6-allowed or ipv6-denied");
  }
}
