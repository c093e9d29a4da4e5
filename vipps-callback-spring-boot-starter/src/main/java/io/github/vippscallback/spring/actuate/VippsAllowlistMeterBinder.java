package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauge {@value #ADDRESSES}: the number of entries (addresses and ranges) the allowlist lets
 * through now, tagged with the {@code environment}. Zero means guarded endpoints answer 503.
 */
public final class VippsAllowlistMeterBinder implements MeterBinder {

  /** The gauge's name. */
  public static final String ADDRESSES = "vipps.callback.allowlist.addresses";

  private final VippsAllowlist allowlist;

  /**
   * Measures {@code allowlist}.
   *
   * @param allowlist the allowlist whose state the gauges show
   */
  public VippsAllowlistMeterBinder(VippsAllowlist allowlist) {
    this.allowlist = allowlist;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(ADDRESSES, allowlist, VippsAllowlistMeterBinder::entryCount)
        .tag("environment", allowlist.environment().id())
        .description("Entries (addresses and ranges) the Vipps callback allowlist lets through")
        .strongReference(true)
        .register(registry);
  }

  private static double entryCount(VippsAllowlist allowlist) {
    return allowlist.status().entries().size();
  }
}
