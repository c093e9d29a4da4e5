package io.github.vippscallback.benchmarks.twin;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two endpoints that differ only in {@link VippsCallback}: each binds the posted JSON event, checks it
 * is complete and answers 200 (400 when incomplete), as the webhook receiver sample does, minus its
 * logging and bookkeeping.
 */
@RestController
class TwinEndpointsController {

  /** The guarded endpoint. */
  static final String GUARDED = "/twin/guarded";

  /** The same endpoint without the guard. */
  static final String OPEN = "/twin/open";

  @VippsCallback
  @PostMapping(path = GUARDED, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> guarded(@RequestBody TwinEvent event) {
    return answer(event);
  }

  @PostMapping(path = OPEN, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> open(@RequestBody TwinEvent event) {
    return answer(event);
  }

  private static ResponseEntity<Void> answer(TwinEvent event) {
    return event.isComplete() ? ResponseEntity.ok().build() : ResponseEntity.badRequest().build();
  }
}
