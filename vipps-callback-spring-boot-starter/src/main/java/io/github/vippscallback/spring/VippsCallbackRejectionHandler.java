package io.github.vippscallback.spring;

import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.servlet.VippsRequestGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a request {@link VippsRequestServersAuthorizationManager} refused exactly as the servlet filter
 * does: 403, or 503 with {@code Retry-After}, with a problem+json body. Spring Security calls the
 * {@link AuthenticationEntryPoint} for anonymous requests (callbacks always are) and the
 * {@link AccessDeniedHandler} for authenticated ones; both write the guard's answer to the outcome left in
 * {@link CallbackGuard#OUTCOME_ATTRIBUTE}. Without one in the request it answers 403.
 */
public final class VippsCallbackRejectionHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final VippsRequestGuard guard;

  /**
   * A handler writing {@code guard}'s answers.
   *
   * @param guard the guard whose answers are written
   */
  public VippsCallbackRejectionHandler(VippsRequestGuard guard) {
    this.guard = guard;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
      throws IOException {
    reject(request, response);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
      throws IOException {
    reject(request, response);
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object attribute = request.getAttribute(CallbackGuard.OUTCOME_ATTRIBUTE);
    CallbackOutcome outcome = attribute instanceof CallbackOutcome found && found != CallbackOutcome.ALLOWED
        ? found
        : CallbackOutcome.DENIED;
    guard.reject(outcome, request, response);
  }
}
