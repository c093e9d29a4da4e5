package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.VippsCallback.Signature;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook endpoints that echo the exact bytes the controller received, with the endpoint's name in
 * {@code X-Endpoint}: one per {@link Signature} choice.
 */
@RestController
public class WebhookController {

  /**
   * The endpoint of the examples in docs/guides/webhook-signatures.md; a signature when a secret applies
   * (the default).
   */
  @VippsCallback
  @PostMapping("/vipps/webhook")
  public ResponseEntity<byte[]> webhook(@RequestBody byte[] body) {
    return echo("webhook", body);
  }

  /** A signature when a secret applies (the default). */
  @VippsCallback
  @PostMapping("/vipps/webhooks/payments")
  public ResponseEntity<byte[]> payments(@RequestBody byte[] body) {
    return echo("payments", body);
  }

  /** Always a signature: the application does not start without a secret for it. */
  @VippsCallback(signature = Signature.REQUIRED)
  @PostMapping("/vipps/webhooks/refunds")
  public ResponseEntity<byte[]> refunds(@RequestBody byte[] body) {
    return echo("refunds", body);
  }

  /** Answered asynchronously (a second, ASYNC dispatch through the filters): the default signature. */
  @VippsCallback
  @PostMapping("/vipps/webhooks/async")
  public Callable<ResponseEntity<byte[]>> async(@RequestBody byte[] body) {
    return () -> echo("async", body);
  }

  /** An eCom callback: Vipps does not sign it, so only the address is checked. */
  @VippsCallback(signature = Signature.NONE)
  @PostMapping("/vipps/ecom/{orderId}")
  public ResponseEntity<byte[]> ecom(@PathVariable String orderId, @RequestBody byte[] body) {
    return echo("ecom " + orderId, body);
  }

  private static ResponseEntity<byte[]> echo(String endpoint, byte[] body) {
    return ResponseEntity.ok()
        .header("X-Endpoint", endpoint)
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(body);
  }
}
