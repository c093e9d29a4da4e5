package io.github.vippscallback.spring.reactive;

import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.spring.autoconfigure.CallbackEndpoint;
import java.util.List;

/**
 * Guarded endpoints that take a webhook signature with the same secret, and the check that verifies it.
 *
 * @param endpoints the endpoints
 * @param check the signature check of their secret
 */
public record SignedEndpoints(List<CallbackEndpoint> endpoints, WebhookSignatureCheck check) {

  /**
   * Copies the endpoints.
   *
   * @param endpoints the endpoints
   * @param check the signature check of their secret
   */
  public SignedEndpoints {
    endpoints = List.copyOf(endpoints);
  }
}
