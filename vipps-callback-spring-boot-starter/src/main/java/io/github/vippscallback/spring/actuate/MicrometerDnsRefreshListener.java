package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.allowlist.AllowlistChange;
import io.github.vippscallback.allowlist.AllowlistListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Times the allowlist's background DNS lookups as the timer {@value #REFRESH} (a count and a total time),
 * tagged {@code outcome} = {@code success} or {@code failure}, {@code host} and {@code type} ({@code A}
 * or {@code AAAA}). Runs on the allowlist's refresh thread, never on a request.
 */
public final class MicrometerDnsRefreshListener implements AllowlistListener {

  /** The timer's name. */
  public static final String REFRESH = "vipps.callback.dns.refresh";

  private final MeterRegistry registry;

  /**
   * Records into {@code registry}.
   *
   * @param registry the registry the lookup timers and counters are recorded in
   */
  public MicrometerDnsRefreshListener(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Nothing: the set's size is a gauge of {@link VippsAllowlistMeterBinder}. */
  @Override
  public void onChange(AllowlistChange change) {
    // counted elsewhere
  }

  @Override
  public void onLookup(String host, String recordType, boolean success, Duration took) {
    Timer.builder(REFRESH)
        .tag("outcome", success ? "success" : "failure")
        .tag("host", host)
        .tag("type", recordType)
        .description("DNS lookups refreshing the Vipps callback allowlist")
        .register(registry)
        .record(took);
  }
}
