package io.github.vippscallback.allowlist;

import io.github.vippscallback.address.IpRange;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the registered {@link AllowlistListener}s, and the log, about each change of the effective set.
 * A listener that throws is logged and does not keep the others from being told.
 */
final class ChangeNotifier {

  private static final Logger log = LoggerFactory.getLogger(VippsAllowlist.class);

  private final List<AllowlistListener> listeners = new CopyOnWriteArrayList<>();
  private final VippsEnvironment environment;

  ChangeNotifier(VippsEnvironment environment) {
    this.environment = environment;
  }

  void add(AllowlistListener listener) {
    listeners.add(listener);
  }

  void remove(AllowlistListener listener) {
    listeners.remove(listener);
  }

  /**
   * Logs the change at INFO and tells every listener.
   *
   * @param resolvedHosts how many hosts contribute addresses, for the log line
   * @param hostCount how many hosts are resolved in all
   */
  void changed(AllowlistChange change, int resolvedHosts, int hostCount) {
    log.info("Vipps request-server allowlist ({}) changed: +{} -{}; now {} entries, from {} of {} hosts",
        environment.id(), describe(change.added()), describe(change.removed()), change.current().size(),
        resolvedHosts, hostCount);
    for (AllowlistListener listener : listeners) {
      try {
        listener.onChange(change);
      } catch (RuntimeException e) {
        log.error("Allowlist listener {} failed on a change of the Vipps allowlist; the other listeners were"
            + " still told", listener, e);
      }
    }
  }

  /** Single addresses without their full-length prefix: {@code [192.0.2.1, 10.0.0.0/8]}. */
  static String describe(Set<IpRange> ranges) {
    return ranges.stream()
        .map(range -> range.isSingleAddress() ? range.network().toString() : range.toString())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
