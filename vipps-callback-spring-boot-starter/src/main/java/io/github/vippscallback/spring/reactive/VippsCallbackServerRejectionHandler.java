package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers an exchange {@link VippsRequestServersReactiveAuthorizationManager} refused exactly as the
 * {@code WebFilter} (and the servlet stack) does: 403, or 503 with {@code Retry-After}, with a
 * problem+json body. Spring Security calls the entry point for unauthenticated exchanges (callbacks
 * always are) and the access-denied handler for authenticated ones; both write the guard's answer to the
 * outcome left in {@link CallbackGuard#OUTCOME_ATTRIBUTE}. Without one in the exchange it answers 403.
 */
public final class VippsCallbackServerRejectionHandler
    implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

  private final CallbackGuard guard;

  /**
   * A handler writing {@code guard}'s answers.
   *
   * @param guard the guard whose answers are written
   */
  public VippsCallbackServerRejectionHandler(CallbackGuard guard) {
    this.guard = guard;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
    return reject(exchange);
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException exception) {
    return reject(exchange);
  }

  private Mono<Void> reject(ServerWebExchange exchange) {
    Object attribute = exchange.getAttribute(CallbackGuard.OUTCOME_ATTRIBUTE);
    CallbackOutcome outcome = attribute instanceof CallbackOutcome found && found != CallbackOutcome.ALLOWED
        ? found
        : CallbackOutcome.DENIED;
    return ProblemWriter.write(exchange.getResponse(),
        guard.answer(outcome, ServerRequestView.INSTANCE.path(exchange.getRequest())));
  }
}
