package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A callback the application guards in its own chain (not annotated), next to one the starter guards. */
@RestController
public class OwnGuardController {

  /** Guarded by the application's own chain with {@code vippsRequestServers}: deliberately not annotated. */
  @PostMapping("/vipps/own/ping")
  public String ownPing() {
    return Reached.body("own-ping");
  }

  /** Guarded by the starter. */
  @VippsCallback
  @PostMapping("/callbacks/starter")
  public String starter() {
    return Reached.body("starter");
  }
}
