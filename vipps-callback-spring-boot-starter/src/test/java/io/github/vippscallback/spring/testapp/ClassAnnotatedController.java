package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every handler guarded through the class-level annotation. */
@RestController
@VippsCallback
@RequestMapping("/vipps/class")
public class ClassAnnotatedController {

  /** A callback. */
  @PostMapping("/payments")
  public String payments() {
    return Reached.body("class-payments");
  }

  /** Another handler of the same class, also guarded. */
  @GetMapping("/status")
  public String status() {
    return Reached.body("class-status");
  }
}
