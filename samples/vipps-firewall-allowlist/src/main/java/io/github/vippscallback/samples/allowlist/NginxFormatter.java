package io.github.vippscallback.samples.allowlist;

import io.github.vippscallback.address.IpRange;
import io.github.vippscallback.allowlist.VippsEnvironment;
import java.util.Set;

/**
 * An nginx {@code include} file: {@code allow} for every entry, then {@code deny all;}, so an empty set
 * lets nobody in (fail closed).
 */
final class NginxFormatter implements AllowlistFormatter {

  @Override
  public String format(VippsEnvironment environment, Set<IpRange> entries) {
    StringBuilder out = new StringBuilder()
        .append("# Vipps MobilePay request servers (").append(environment.id())
        .append("), by vipps-firewall-allowlist\n");
    for (IpRange entry : entries) {
      out.append("allow ").append(Entries.plain(entry)).append(";\n");
    }
    return out.append("deny all;\n").toString();
  }
}
