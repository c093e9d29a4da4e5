package io.github.vippscallback.samples.webhook;

import io.github.vippscallback.spring.VippsCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint Vipps posts ePayment events to. {@link VippsCallback} is all it takes: the
 * starter lets only Vipps' request servers of {@code vipps.callback.environment} reach it (403 for
 * anyone else, 503 while their addresses are not yet known, so Vipps retries).
 */
@VippsCallback
@RestController
@RequestMapping("/vipps/webhooks")
class EpaymentWebhookController {

  /** The path, below the application's root, to register with Vipps. */
  static final String PATH = "/vipps/webhooks/epayment";

  private static final Logger log = LoggerFactory.getLogger(EpaymentWebhookController.class);

  private final ReceivedEvents receivedEvents;

  EpaymentWebhookController(ReceivedEvents receivedEvents) {
    this.receivedEvents = receivedEvents;
  }

  /** Takes an event; 200 tells Vipps it arrived, anything else makes Vipps send it again later. */
  @PostMapping(path = "/epayment", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> receive(@RequestBody EpaymentWebhookEvent event) {
    if (!event.isComplete()) {
      log.warn("Rejected an ePayment event without msn, reference, pspReference or name");
      return ResponseEntity.badRequest().build();
    }
    if (receivedEvents.record(event)) {
      log.info("ePayment event {} for payment {} (pspReference {}, success {})",
          event.name(), event.reference(), event.pspReference(), event.success());
    } else {
      log.info("ePayment event {} for payment {} received again; already handled",
          event.name(), event.reference());
    }
    return ResponseEntity.ok().build();
  }
}
