package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What a request calls: {@link VippsAllowlist#decide} reads one snapshot and allocates nothing. */
class VippsAllowlistDecideTest {

  private static final @Nullable String[] INPUTS = {
    "127.0.0.1", "10.1.2.3", "2001:db8::5", // allowed
    "127.0.0.2", "2001:db9::1", "localhost", "", "10.1.2.3 ", null // denied
  };

  @Test
  void decidesEveryInputWithoutAllocating() {
    try (VippsAllowlist ready = VippsAllowlist.builder(VippsEnvironment.TEST)
            .dnsServers(List.of("127.0.0.1:1"))
            .additionalAddresses(List.of("127.0.0.1", "10.0.0.0/8", "2001:db8::/32"))
            .build();
        VippsAllowlist unavailable = VippsAllowlist.builder(VippsEnvironment.TEST)
            .dnsServers(List.of("127.0.0.1:1"))
            .build()) {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      threads.setThreadAllocatedMemoryEnabled(true);
      int[] counts = new int[3];
      for (int warmUp = 0; warmUp < 3; warmUp++) {
        decideAll(ready, unavailable, counts);
      }

      // The quietest of five runs counts: the JVM may rarely allocate on this thread (compilation or
      // deoptimization); an allocation per call would show in every run.
      List<Long> allocatedPerRun = new ArrayList<>();
      for (int run = 0; run < 5; run++) {
        long before = threads.getCurrentThreadAllocatedBytes();
        decideAll(ready, unavailable, counts);
        allocatedPerRun.add(threads.getCurrentThreadAllocatedBytes() - before);
        assertThat(counts).containsExactly(3 * 10_000, 6 * 10_000, INPUTS.length * 10_000);
      }

      assertThat(allocatedPerRun).as("bytes allocated by 180,000 decisions, per run").contains(0L);
    }
  }

  /** Counts ALLOWED, DENIED and UNAVAILABLE over 10,000 rounds into {@code counts}, allocating nothing. */
  private static void decideAll(VippsAllowlist ready, VippsAllowlist unavailable, int[] counts) {
    int allowed = 0;
    int denied = 0;
    int notReady = 0;
    for (int round = 0; round < 10_000; round++) {
      for (@Nullable String input : INPUTS) {
        AllowlistDecision decision = ready.decide(input);
        if (decision == AllowlistDecision.ALLOWED) {
          allowed++;
        } else if (decision == AllowlistDecision.DENIED) {
          denied++;
        }
        if (unavailable.decide(input) == AllowlistDecision.UNAVAILABLE) {
          notReady++;
        }
      }
    }
    counts[0] = allowed;
    counts[1] = denied;
    counts[2] = notReady;
  }
}
