package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.testfixtures.LogCapture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens when the refresh thread cannot set up its DNS querier, e.g. because no dns-servers are
 * configured and the system has no resolvers: every host fails (fail closed, with the reason), and the
 * set-up is tried again with backoff until it works.
 */
class HostRefresherSetUpTest {

  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final String HOST = "callback-mt-1.vipps.no";

  private LoopbackDnsServer dns;
  @SuppressWarnings("NullAway.Init") // set by the test; a test that fails before that leaves it null
  private HostRefresher refresher;

  @BeforeEach
  void startDns() throws IOException {
    dns = LoopbackDnsServer.start();
  }

  @AfterEach
  void stopEverything() {
    if (refresher != null) {
      refresher.close();
    }
    dns.close();
  }

  @Test
  void withoutADnsServerToAskEveryHostFailsWithTheReasonThenResolvesOnceOneIsFound()
      throws InterruptedException {
    dns.answer(HOST, 60, "192.0.2.1");
    InetSocketAddress server = DnsServers.parse(dns.address());
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch serverFound = new CountDownLatch(1);
    try (LogCapture logs = LogCapture.of(VippsAllowlist.class)) {
      refresher = new HostRefresher(
          List.of(HOST),
          completions -> {
            if (attempts.incrementAndGet() == 1) {
              throw new IllegalStateException("No system DNS servers found (e.g. in /etc/resolv.conf)");
            }
            try {
              // Hold the retry until the failure has been checked, whatever the timing.
              serverFound.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new DnsQuerier(List.of(server), Duration.ofSeconds(2), 1, completions);
          },
          new HostRefresher.Settings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1),
              System::nanoTime, Clock.systemUTC()),
          () -> { },
          List.of());

      refresher.start();

      assertThat(refresher.awaitFirstResolution(GENEROUS)).as("both families failed once").isTrue();
      for (RecordFamily family : RecordFamily.values()) {
        FamilyState state = refresher.state(HOST, family);
        assertThat(state.addresses()).isEmpty();
        assertThat(state.lastError())
            .isEqualTo("cannot ask DNS: No system DNS servers found (e.g. in /etc/resolv.conf)");
      }
      assertThat(refresher.addresses()).isEmpty();
      assertThat(dns.queryCount(HOST)).isZero();
      assertThat(logs.messages(Level.ERROR)).singleElement()
          .satisfies(line -> assertThat(line).startsWith("Cannot resolve the Vipps request-server host names:"
              + " No system DNS servers found").contains("503"));

      // Retried after the first backoff (1 s): the querier is set up and the host resolves.
      serverFound.countDown();
      await().atMost(GENEROUS).until(() -> !refresher.state(HOST, RecordFamily.A).addresses().isEmpty());
      assertThat(refresher.addresses()).extracting(Object::toString).containsExactly("192.0.2.1");
      assertThat(refresher.state(HOST, RecordFamily.A).lastError()).isNull();
      assertThat(attempts).hasValue(2);
      assertThat(logs.messages(Level.INFO)).anySatisfy(line -> assertThat(line).startsWith("DNS servers found"));
    }
  }
}
