package io.github.vippscallback.spring;

import io.github.vippscallback.allowlist.VippsAllowlist;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Once every singleton exists (so every handler mapping knows its handlers), discovers the guarded
 * endpoints and says, once, at INFO what is guarded, how, and by which hosts; WARN when nothing is, and
 * WARN when forwarded headers are applied before the guard sees the client address.
 */
final class StartupReport implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackAutoConfiguration.class);

  private final Supplier<@Nullable List<CallbackEndpoint>> endpoints;
  private final ObjectProvider<VippsAllowlist> allowlist;
  private final Supplier<String> mechanism;
  private final Supplier<@Nullable String> forwardedWarning;

  /**
   * @param endpoints the guarded endpoints, or {@code null} when the application has no endpoints bean
   * @param forwardedWarning what to warn about forwarded headers, or {@code null}
   */
  StartupReport(
      Supplier<@Nullable List<CallbackEndpoint>> endpoints,
      ObjectProvider<VippsAllowlist> allowlist,
      Supplier<String> mechanism,
      Supplier<@Nullable String> forwardedWarning) {
    this.endpoints = endpoints;
    this.allowlist = allowlist;
    this.mechanism = mechanism;
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
    String hosts = list == null ? "(custom)" : String.join(", ", list.hosts());
    if (guarded.isEmpty()) {
      LOG.warn("Vipps callbacks: no endpoint is guarded: no handler method is annotated with @VippsCallback "
          + "and vipps.callback.paths is empty (environment {})", vippsEnvironment);
      return;
    }
    LOG.info("Vipps callbacks: environment {}; {} guarded endpoint(s) {} by {}; allowed: request servers {}",
        vippsEnvironment, guarded.size(), guarded, mechanism.get(), hosts);
    String forwarded = forwardedWarning.get();
    if (forwarded != null) {
      LOG.warn(forwarded);
    }
  }
}
