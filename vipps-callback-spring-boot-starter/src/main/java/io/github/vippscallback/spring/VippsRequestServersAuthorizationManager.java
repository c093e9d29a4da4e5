package io.github.vippscallback.spring;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.servlet.VippsRequestGuard;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request only when its client address is one of the Vipps request servers, whoever is
 * authenticated (in {@code vipps.callback.mode=report-only} it grants every request, after the same
 * check, log and count): the starter's rule, as the bean {@code vippsRequestServers}, for composing chains of your
 * own:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(requests -> requests
 *     .requestMatchers("/vipps/**").access(vippsRequestServers)
 *     .anyRequest().authenticated());
 * }</pre>
 *
 * <p>The check's outcome is left in the request attribute {@link CallbackGuard#OUTCOME_ATTRIBUTE}, where
 * {@link VippsCallbackRejectionHandler} finds it to answer 403 or 503 like the servlet filter does. The check
 * allocates nothing for an allowed request when no proxy is trusted.
 */
public final class VippsRequestServersAuthorizationManager
    implements AuthorizationManager<RequestAuthorizationContext> {

  private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
  private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

  private final VippsRequestGuard guard;

  VippsRequestServersAuthorizationManager(VippsRequestGuard guard) {
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  /**
   * A manager that grants what {@code guard} lets through, e.g. for a chain built without the starter's bean.
   *
   * @param guard the guard that decides
   * @return the authorization manager
   */
  public static VippsRequestServersAuthorizationManager vippsRequestServers(VippsRequestGuard guard) {
    return new VippsRequestServersAuthorizationManager(guard);
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) {
    HttpServletRequest request = context.getRequest();
    CallbackOutcome outcome = guard.decide(request);
    request.setAttribute(CallbackGuard.OUTCOME_ATTRIBUTE, outcome);
    return guard.letsThrough(outcome) ? GRANTED : DENIED;
  }

  /**
   * Spring Security 6.5's abstract method (Spring Boot 3.5), which 6.5's own composite managers still call;
   * Spring Security 7 has no such method and calls {@link #authorize} only. The same check as {@link
   * #authorize}.
   *
   * @param authentication the current authentication (not used: who is authenticated does not matter)
   * @param context a {@link RequestAuthorizationContext}, typed {@code Object} to match 6.5's erased signature
   * @return the decision: granted when the guard lets the request through
   * @throws ClassCastException when {@code context} is not a {@link RequestAuthorizationContext}
   */
  public AuthorizationDecision check(Supplier<? extends @Nullable Authentication> authentication, Object context) {
    return (AuthorizationDecision) authorize(authentication, (RequestAuthorizationContext) context);
  }

  @Override
  public String toString() {
    return "vippsRequestServers";
  }
}
