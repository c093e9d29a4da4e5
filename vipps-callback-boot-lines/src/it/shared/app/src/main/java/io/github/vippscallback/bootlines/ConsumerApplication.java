package io.github.vippscallback.bootlines;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's application as the quick start writes it: {@code @VippsCallback} handlers for payment
 * callbacks and for webhooks (annotated controllers are the same on Spring MVC and WebFlux), and partner
 * endpoints that a security chain of the application's own may guard.
 */
@SpringBootApplication
public class ConsumerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConsumerApplication.class, args);
  }

  @RestController
  static class PaymentCallbacks {

    @VippsCallback
    @PostMapping("/vipps/payments/{orderId}")
    String paymentUpdated(@PathVariable String orderId, @RequestBody String body) {
      return "reached " + orderId;
    }

    /** Signed by Vipps when the application sets a webhook secret for {@code /vipps/webhooks/**}. */
    @VippsCallback
    @PostMapping("/vipps/webhooks/{orderId}")
    String webhook(@PathVariable String orderId, @RequestBody String body) {
      return "reached " + orderId;
    }

    /** Not annotated: guarded only by a chain of the application's own (the user-chain tests). */
    @PostMapping({"/partner/orders/{orderId}", "/legacy/orders/{orderId}"})
    String partner(@PathVariable String orderId, @RequestBody String body) {
      return "reached " + orderId;
    }

    @GetMapping("/hello")
    String hello() {
      return "hello";
    }
  }
}
