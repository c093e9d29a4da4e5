package io.github.vippscallback.spring.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The read-only {@code vippscallback} actuator endpoint: the allowlist's environment, readiness, effective
 * entries and per-host DNS state. It has no write operation and never asks DNS.
 */
@Endpoint(id = "vippscallback", defaultAccess = Access.READ_ONLY)
public final class VippsCallbackEndpoint {

  private final VippsAllowlist allowlist;

  /**
   * Shows {@code allowlist}.
   *
   * @param allowlist the allowlist the endpoint shows
   */
  public VippsCallbackEndpoint(VippsAllowlist allowlist) {
    this.allowlist = allowlist;
  }

  /**
   * The allowlist's current snapshot.
   *
   * @return a snapshot of the allowlist's status
   */
  @ReadOperation
  public AllowlistSnapshot allowlist() {
    return AllowlistSnapshot.of(allowlist.status());
  }
}
