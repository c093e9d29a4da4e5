package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.allowlist.VippsAllowlist;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Builds the core's allowlist from the options, turning its validation errors into usage errors. */
final class AllowlistFactory {

  private AllowlistFactory() {}

  static VippsAllowlist build(Options options) throws UsageException {
    VippsAllowlist.Builder builder = VippsAllowlist.builder(options.environment());
    if (!options.dnsServers().isEmpty()) {
      try {
        builder.dnsServers(options.dnsServers());
      } catch (IllegalArgumentException e) {
        throw new UsageException(OptionsParser.DNS_SERVER + ": " + e.getMessage()
            + "; valid values look like 192.0.2.53, 192.0.2.53:53 or [2001:db8::53]:53");
      }
    }
    @Nullable Duration minTtl = options.minTtl();
    if (minTtl != null) {
      try {
        builder.minTtl(minTtl);
      } catch (IllegalArgumentException e) {
        throw new UsageException(OptionsParser.MIN_TTL + ": " + e.getMessage());
      }
    }
    @Nullable Duration maxTtl = options.maxTtl();
    if (maxTtl != null) {
      try {
        builder.maxTtl(maxTtl);
      } catch (IllegalArgumentException e) {
        throw new UsageException(OptionsParser.MAX_TTL + ": " + e.getMessage());
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() == null ? "the options contradict each other" : e.getMessage());
    }
  }
}
