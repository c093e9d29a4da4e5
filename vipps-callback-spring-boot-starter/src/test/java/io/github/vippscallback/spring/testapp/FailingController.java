package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A guarded handler that fails, as a bug in the application's callback code would. */
@RestController
public class FailingController {

  /** Always throws. */
  @VippsCallback
  @PostMapping("/vipps/fails")
  public String fails() {
    throw new IllegalStateException("the application's callback code failed");
  }
}
