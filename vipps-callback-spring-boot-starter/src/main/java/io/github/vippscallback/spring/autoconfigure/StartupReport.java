package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.VippsCallback;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Once every singleton exists (so every handler mapping knows its handlers), discovers the guarded
 * endpoints, makes sure a guard really is in front of them (the mechanism says what guards them, throwing
 * {@link VippsCallbackNotGuardedException} when nothing does, and every {@link StartupCheck} passes; otherwise
 * the application does not start), and only then says, once, at INFO what is guarded, how, and by which
 * hosts and additional addresses; WARN when nothing is, and WARN when forwarded headers are applied before
 * the guard sees the client address. Shared by the web stacks.
 */
final class StartupReport implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackAutoConfiguration.class);

  private final Supplier<@Nullable List<CallbackEndpoint>> endpoints;
  private final ObjectProvider<VippsAllowlist> allowlist;
  private final Supplier<String> mechanism;
  private final Supplier<List<StartupCheck>> checks;
  private final Supplier<@Nullable String> forwardedWarning;

  /**
   * A report that runs {@code checks} before it speaks.
   *
   * @param endpoints the guarded endpoints, or {@code null} when the application has no endpoints bean
   * @param mechanism what guards the endpoints; throws {@link VippsCallbackNotGuardedException} when nothing
   *     of the starter's does
   * @param checks run in order on the guarded endpoints before the INFO line
   * @param forwardedWarning what to warn about forwarded headers, or {@code null}
   */
  StartupReport(
      Supplier<@Nullable List<CallbackEndpoint>> endpoints,
      ObjectProvider<VippsAllowlist> allowlist,
      Supplier<String> mechanism,
      Supplier<List<StartupCheck>> checks,
      Supplier<@Nullable String> forwardedWarning) {
    this.endpoints = endpoints;
    this.allowlist = allowlist;
    this.mechanism = mechanism;
    this.checks = checks;
    this.forwardedWarning = forwardedWarning;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<CallbackEndpoint> guarded = endpoints.get();
    if (guarded == null) {
      return;
    }
    VippsAllowlist list = allowlist.getIfUnique();
    String vippsEnvironment = list == null ? "(custom)" : list.environment().id();
    if (guarded.isEmpty()) {
      LOG.warn("Vipps callbacks: no endpoint is guarded: no handler method is annotated with @VippsCallback "
          + "and vipps.callback.paths is empty (environment {})", vippsEnvironment);
      return;
    }
    String by = mechanism.get();
    for (StartupCheck check : checks.get()) {
      check.verify(guarded);
    }
    String hosts = list == null ? "(custom)" : String.join(", ", list.hosts());
    String additional = list == null ? "(custom)" : list.additionalAddresses().toString();
    LOG.info("Vipps callbacks: environment {}; {} guarded endpoint(s) {} by {}; allowed: request servers {}; "
        + "additional addresses {}", vippsEnvironment, guarded.size(), guarded, by, hosts, additional);
    String forwarded = forwardedWarning.get();
    if (forwarded != null) {
      LOG.warn(forwarded);
    }
  }
}
