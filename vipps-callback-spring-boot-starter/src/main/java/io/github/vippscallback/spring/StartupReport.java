package io.github.vippscallback.spring;

import io.github.vippscallback.allowlist.VippsAllowlist;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;

/**
 * Once every singleton exists (so every handler mapping knows its handlers), discovers the guarded
 * endpoints, makes sure a guard really is in front of them (the guard is defined, and every
 * {@link StartupCheck} passes; otherwise {@link VippsCallbackNotGuardedException} stops the start-up), and
 * only then says, once, at INFO what is guarded, how, and by which hosts and additional addresses; WARN when
 * nothing is, and WARN when forwarded headers are applied before the guard sees the client address.
 */
final class StartupReport implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(VippsCallbackAutoConfiguration.class);

  private final ObjectProvider<VippsCallbackEndpoints> endpoints;
  private final ObjectProvider<VippsAllowlist> allowlist;
  private final Supplier<@Nullable String> mechanism;
  private final ObjectProvider<StartupCheck> checks;
  private final Environment environment;

  /**
   * @param mechanism what guards the endpoints, e.g. {@code the servlet filter '...'}; {@code null} when
   *     nothing of the starter's does
   */
  StartupReport(
      ObjectProvider<VippsCallbackEndpoints> endpoints,
      ObjectProvider<VippsAllowlist> allowlist,
      Supplier<@Nullable String> mechanism,
      ObjectProvider<StartupCheck> checks,
      Environment environment) {
    this.endpoints = endpoints;
    this.allowlist = allowlist;
    this.mechanism = mechanism;
    this.checks = checks;
    this.environment = environment;
  }

  @Override
  public void afterSingletonsInstantiated() {
    VippsCallbackEndpoints registry = endpoints.getIfUnique();
    if (registry == null) {
      return;
    }
    List<CallbackEndpoint> guarded = registry.endpoints();
    VippsAllowlist list = allowlist.getIfUnique();
    String vippsEnvironment = list == null ? "(custom)" : list.environment().id();
    if (guarded.isEmpty()) {
      LOG.warn("Vipps callbacks: no endpoint is guarded: no handler method is annotated with @VippsCallback "
          + "and vipps.callback.paths is empty (environment {})", vippsEnvironment);
      return;
    }
    @Nullable String by = mechanism.get();
    if (by == null) {
      throw VippsCallbackNotGuardedException.missingGuard(guarded, "neither the Spring Security filter chain '"
          + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN + "' nor the servlet filter '"
          + VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN + "' is defined (with Spring Security set up,"
          + " VippsCallbackSecurityAutoConfiguration defines the chain; without it, VippsCallbackAutoConfiguration"
          + " defines the filter)", "Do not exclude VippsCallbackSecurityAutoConfiguration, or define the"
          + " SecurityFilterChain bean '" + VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN + "' yourself.");
    }
    checks.orderedStream().forEach(check -> check.verify(guarded));
    String hosts = list == null ? "(custom)" : String.join(", ", list.hosts());
    String additional = list == null ? "(custom)" : list.additionalAddresses().toString();
    LOG.info("Vipps callbacks: environment {}; {} guarded endpoint(s) {} by {}; allowed: request servers {}; "
        + "additional addresses {}", vippsEnvironment, guarded.size(), guarded, by, hosts, additional);
    String forwarded = ForwardedHeadersAdvice.warning(environment);
    if (forwarded != null) {
      LOG.warn(forwarded);
    }
  }
}
