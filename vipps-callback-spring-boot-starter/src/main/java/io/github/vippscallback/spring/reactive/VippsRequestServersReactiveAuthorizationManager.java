package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Grants an exchange only when its client address is one of the Vipps request servers, whoever is
 * authenticated (in {@code vipps.callback.mode=report-only} it grants every exchange, after the same
 * check, log and count): the starter's rule on WebFlux, as the bean {@code vippsRequestServers}, for
 * composing chains of your own:
 *
 * <pre>{@code
 * http.authorizeExchange(exchanges -> exchanges
 *     .pathMatchers("/vipps/**").access(vippsRequestServers)
 *     .anyExchange().authenticated());
 * }</pre>
 *
 * <p>The check runs on the calling thread, without DNS or blocking, and returns a ready {@code Mono}.
 * A refused exchange's outcome is left in the attribute {@link CallbackGuard#OUTCOME_ATTRIBUTE}, where {@link
 * VippsCallbackServerRejectionHandler} finds it to answer 403 or 503 like the {@code WebFilter} does.
 */
public final class VippsRequestServersReactiveAuthorizationManager
    implements ReactiveAuthorizationManager<AuthorizationContext> {

  private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));
  private static final Mono<AuthorizationResult> DENIED = Mono.just(new AuthorizationDecision(false));

  private final CallbackGuard guard;

  /**
   * A manager that asks {@code guard}.
   *
   * @param guard the guard that decides
   */
  public VippsRequestServersReactiveAuthorizationManager(CallbackGuard guard) {
    this.guard = guard;
  }

  @Override
  public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
    ServerWebExchange exchange = context.getExchange();
    CallbackOutcome outcome = guard.decide(exchange.getRequest(), ServerRequestView.INSTANCE);
    exchange.getAttributes().put(CallbackGuard.OUTCOME_ATTRIBUTE, outcome);
    return guard.letsThrough(outcome) ? GRANTED : DENIED;
  }

  /**
   * Spring Security 6.5's abstract method (Spring Boot 3.5), which 6.5's own composite managers still call;
   * Spring Security 7 has no such method and calls {@link #authorize} only. The same check as {@link
   * #authorize}.
   *
   * @param authentication the current authentication (not used: who is authenticated does not matter)
   * @param context an {@link AuthorizationContext}, typed {@code Object} to match 6.5's erased signature
   * @return the decision: granted when the guard lets the exchange through
   * @throws ClassCastException when {@code context} is not an {@link AuthorizationContext}
   */
  public Mono<AuthorizationDecision> check(Mono<Authentication> authentication, Object context) {
    return authorize(authentication, (AuthorizationContext) context).cast(AuthorizationDecision.class);
  }

  @Override
  public String toString() {
    return "vippsRequestServers";
  }
}
