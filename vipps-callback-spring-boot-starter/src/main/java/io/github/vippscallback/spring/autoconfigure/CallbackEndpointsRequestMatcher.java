package io.github.vippscallback.spring.autoconfigure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security matcher of the starter's chain: the requests for the {@link VippsCallbackEndpoints}, and the
 * error dispatch of such a request (a handler that threw), so that the error is answered like the rest of the
 * request, in the starter's chain (no login challenge, no session), not by whatever chain takes
 * {@code /error}.
 */
final class CallbackEndpointsRequestMatcher implements RequestMatcher {

  /**
   * Marks a request the starter's chain took, so that its error dispatch is taken too; holds the endpoint
   * matched, for the chain's later steps (the signature check).
   */
  static final String TAKEN_ATTRIBUTE = VippsCallbackEndpoints.MATCHED_ATTRIBUTE;

  private final VippsCallbackEndpoints endpoints;

  CallbackEndpointsRequestMatcher(VippsCallbackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    if (request.getDispatcherType() == DispatcherType.ERROR) {
      return request.getAttribute(TAKEN_ATTRIBUTE) != null;
    }
    int endpoint = endpoints.match(request);
    if (endpoint != CallbackEndpointPatterns.NO_MATCH) {
      request.setAttribute(TAKEN_ATTRIBUTE, endpoint);
      return true;
    }
    return false;
  }

  /** E.g. {@code Vipps callback endpoints [POST /vipps/orders/{orderId}] and their error dispatches}. */
  @Override
  public String toString() {
    return "Vipps callback endpoints " + endpoints.describe() + " and their error dispatches";
  }
}
