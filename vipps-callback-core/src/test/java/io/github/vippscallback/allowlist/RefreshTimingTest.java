package io.github.vippscallback.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** When hosts are looked up again: TTL clamping, failure backoff and jitter. */
class RefreshTimingTest {

  private static final Duration MIN = Duration.ofSeconds(30);
  private static final Duration MAX = Duration.ofMinutes(5);

  @Test
  void clampsTheTtlToMinAndMaxTtl() {
    assertThat(HostRefresher.clamp(0, MIN, MAX)).isEqualTo(MIN);
    assertThat(HostRefresher.clamp(29, MIN, MAX)).isEqualTo(MIN);
    assertThat(HostRefresher.clamp(60, MIN, MAX)).isEqualTo(Duration.ofSeconds(60));
    assertThat(HostRefresher.clamp(86_400, MIN, MAX)).isEqualTo(MAX);
    assertThat(HostRefresher.clamp(1, Duration.ofSeconds(1), MAX)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aNegativeAnswerWithoutSoaIsRetriedAtMinTtl() {
    assertThat(HostRefresher.clamp(-1, MIN, MAX)).isEqualTo(MIN);
  }

  @Test
  void backsOffExponentiallyFromOneSecondUpToMaxTtl() {
    assertThat(HostRefresher.backoff(1, MAX)).isEqualTo(Duration.ofSeconds(1));
    assertThat(HostRefresher.backoff(2, MAX)).isEqualTo(Duration.ofSeconds(2));
    assertThat(HostRefresher.backoff(3, MAX)).isEqualTo(Duration.ofSeconds(4));
    assertThat(HostRefresher.backoff(9, MAX)).isEqualTo(Duration.ofSeconds(256));
    assertThat(HostRefresher.backoff(10, MAX)).isEqualTo(MAX);
    assertThat(HostRefresher.backoff(Integer.MAX_VALUE, MAX)).isEqualTo(MAX);
  }

  @RepeatedTest(50)
  void jitterShortensTheIntervalByAtMostTenPercent() {
    Duration jittered = HostRefresher.jitter(Duration.ofSeconds(100));

    assertThat(jittered).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(100));
  }

  @Test
  void describesDurationsTheWayOperatorsReadThem() {
    assertThat(Durations.describe(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(Durations.describe(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(Durations.describe(Duration.ofMillis(1500))).isEqualTo("1.500s");
    assertThat(Durations.describe(Duration.ofHours(24))).isEqualTo("1d");
    assertThat(Durations.describe(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("1h 30m 5s");
  }
}
