package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code vippsCallback} health contributor: {@code UP} while the allowlist knows at least one Vipps
 * address, {@code DOWN} while it knows none (guarded endpoints then answer 503). Its details are the
 * environment, the effective entries and, per host, its addresses, TTL, last success, last error and
 * whether its addresses are stale, and the addresses DNS answered that the address policy refused. It
 * reads the allowlist's last snapshot and never asks DNS.
 */
public final class VippsCallbackHealthIndicator extends AbstractHealthIndicator {

  private final VippsAllowlist allowlist;

  /**
   * Reports on {@code allowlist}.
   *
   * @param allowlist the allowlist whose readiness is the health
   */
  public VippsCallbackHealthIndicator(VippsAllowlist allowlist) {
    super("Vipps callback allowlist health check failed");
    this.allowlist = allowlist;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    AllowlistSnapshot snapshot = AllowlistSnapshot.of(allowlist.status());
    if (snapshot.ready()) {
      builder.up();
    } else {
      builder.down();
    }
    builder
        .withDetail("environment", snapshot.environment())
        .withDetail("entries", snapshot.entries())
        .withDetail("hosts", snapshot.hosts());
  }
}
