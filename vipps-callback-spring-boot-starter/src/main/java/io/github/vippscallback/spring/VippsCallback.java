package io.github.vippscallback.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks Spring MVC handler methods that only Vipps' request servers may call: on a controller class it
 * guards every handler method of the class, on a handler method only that method. It also works as a
 * meta-annotation, on an annotation of your own.
 *
 * <p>The starter reads the path patterns and HTTP methods of every marked handler method from the
 * application's {@code RequestMappingHandlerMapping}s once the context is ready, and lets a request
 * matching them through only when its client address is one of the request servers of
 * {@code vipps.callback.environment}: 403 otherwise, or 503 with {@code Retry-After} while no address is
 * known yet. Other mappings of the same controller that are not marked stay as they are.
 *
 * <pre>{@code
 * @RestController
 * @VippsCallback
 * class PaymentCallbackController {
 *   @PostMapping("/vipps/callbacks/payments/{orderId}")
 *   void paymentUpdated(@PathVariable String orderId, @RequestBody String body) { ... }
 * }
 * }</pre>
 *
 * <p>Webhooks API requests are also signed by Vipps; {@link #signature()} says whether the endpoint
 * requires that signature, checked after the address (401 when it is missing or wrong). An annotation
 * on the method wins over one on the class.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VippsCallback {

  /**
   * Whether the endpoint requires a valid Vipps webhook signature. By default ({@link Signature#AUTO})
   * it does whenever a webhook secret applies to its path; mark callbacks that Vipps does not sign
   * (eCom, Checkout, express shipping) {@link Signature#NONE}.
   *
   * @return whether a valid webhook signature is required
   */
  Signature signature() default Signature.AUTO;

  /** Whether an endpoint requires a Vipps webhook signature. */
  enum Signature {
    /**
     * Required when a webhook secret applies to the endpoint: {@code vipps.callback.webhook.secret}, or
     * an entry of {@code vipps.callback.webhook.secrets} whose path pattern matches the endpoint's.
     * Without one, only the address is checked. The default.
     */
    AUTO,
    /**
     * Always required: the application does not start unless a webhook secret applies to the endpoint.
     */
    REQUIRED,
    /** Never checked, whatever secrets are configured: for callbacks Vipps does not sign. */
    NONE
  }
}
