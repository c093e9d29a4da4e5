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
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VippsCallback {}
