package io.github.vippscallback.samples.webflux;

import io.github.vippscallback.spring.VippsCallback;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The ePayment webhook endpoint. {@link VippsCallback} is all it takes: the starter answers every request
 * that is not from a Vipps request server with 403 before this controller runs.
 */
@RestController
public class EpaymentCallbackController {

  private static final Logger LOG = LoggerFactory.getLogger(EpaymentCallbackController.class);

  /** How many references are remembered: the oldest go first, so memory stays bounded however many arrive. */
  static final int CAPACITY = 1000;

  private final Queue<String> references = new ConcurrentLinkedQueue<>();
  private final AtomicInteger remembered = new AtomicInteger();

  /** Receives one ePayment event and acknowledges it. */
  @VippsCallback
  @PostMapping("/vipps/webhooks/epayment")
  public Mono<ResponseEntity<Void>> epayment(@RequestBody Map<String, Object> event) {
    String reference = String.valueOf(event.get("reference"));
    references.add(reference);
    if (remembered.incrementAndGet() > CAPACITY && references.poll() != null) {
      remembered.decrementAndGet();
    }
    LOG.info("ePayment event {} for payment {} (pspReference {}, success {})",
        event.get("name"), reference, event.get("pspReference"), event.get("success"));
    return Mono.just(ResponseEntity.ok().build());
  }

  /** The references of the newest events received (at most {@link #CAPACITY}), oldest first. */
  public java.util.List<String> references() {
    return java.util.List.copyOf(references);
  }
}
