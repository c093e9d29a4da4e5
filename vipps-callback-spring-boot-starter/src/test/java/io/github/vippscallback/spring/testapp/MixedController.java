package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** Guarded and unguarded handlers side by side, some sharing a path with a different method. */
@RestController
public class MixedController {

  /** Guarded by the method-level annotation. */
  @VippsCallback
  @PostMapping("/vipps/orders/{orderId}")
  public String orderCallback(@PathVariable String orderId) {
    return Reached.body("order-callback " + orderId);
  }

  /** Same path, other method, not annotated: not guarded by the starter. */
  @GetMapping("/vipps/orders/{orderId}")
  public String order(@PathVariable String orderId) {
    return Reached.body("order " + orderId);
  }

  /** Several paths and methods in one mapping. */
  @VippsCallback
  @RequestMapping(path = {"/vipps/multi/a", "/vipps/multi/b"}, method = {RequestMethod.PUT, RequestMethod.PATCH})
  public String multi() {
    return Reached.body("multi");
  }

  /** Guarded through a meta-annotation. */
  @PaymentWebhook
  @PostMapping("/webhooks/payment")
  public String webhook() {
    return Reached.body("webhook");
  }

  /** An ordinary endpoint. */
  @GetMapping("/hello")
  public String hello() {
    return Reached.body("hello");
  }

  /** An ordinary endpoint the test application's own chain may open to everyone. */
  @GetMapping("/public/hello")
  public String publicHello() {
    return Reached.body("public-hello");
  }

  /** An unannotated endpoint the test application's own chain guards with {@code vippsRequestServers}. */
  @PostMapping("/partner/ping")
  public String partnerPing() {
    return Reached.body("partner-ping");
  }
}
