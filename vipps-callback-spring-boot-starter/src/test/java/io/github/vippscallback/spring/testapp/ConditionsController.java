package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Guarded handlers narrowed by {@code params}, {@code headers}, {@code consumes} and {@code produces}, each
 * next to an unannotated handler on the same path and method that takes the other requests.
 */
@RestController
public class ConditionsController {

  /** Guarded: only requests with the parameter {@code vipps}. */
  @VippsCallback
  @PostMapping(path = "/p/hook", params = "vipps")
  public String paramsGuarded() {
    return Reached.body("params-guarded");
  }

  /** Not guarded: the same path without the parameter. */
  @PostMapping("/p/hook")
  public String paramsOpen() {
    return Reached.body("params-open");
  }

  /** Guarded: only requests with {@code X-Vipps: 1}. */
  @VippsCallback
  @PostMapping(path = "/h/hook", headers = "X-Vipps=1")
  public String headersGuarded() {
    return Reached.body("headers-guarded");
  }

  /** Not guarded: the same path without the header. */
  @PostMapping("/h/hook")
  public String headersOpen() {
    return Reached.body("headers-open");
  }

  /** Guarded: JSON bodies. */
  @VippsCallback
  @PostMapping(path = "/c/hook", consumes = "application/json")
  public String consumesGuarded() {
    return Reached.body("consumes-guarded");
  }

  /** Not guarded: plain-text bodies. */
  @PostMapping(path = "/c/hook", consumes = "text/plain")
  public String consumesOpen() {
    return Reached.body("consumes-open");
  }

  /** Guarded: answers JSON. */
  @VippsCallback
  @GetMapping(path = "/r/hook", produces = "application/json")
  public String producesGuarded() {
    return Reached.body("produces-guarded");
  }

  /** Not guarded: answers plain text. */
  @GetMapping(path = "/r/hook", produces = "text/plain")
  public String producesOpen() {
    return Reached.body("produces-open");
  }
}
