package io.github.vippscallback.spring.autoconfigure.actuate;

import io.github.vippscallback.spring.VippsCallback;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations tests' application: everything auto-configured (Spring Security, the actuator, Micrometer)
 * and one guarded endpoint, {@code POST /vipps/callback}, answering "ok".
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OperationsApplication.Callbacks.class)
class OperationsApplication {

  /** The guarded endpoint. */
  @RestController
  static class Callbacks {

    @VippsCallback
    @PostMapping("/vipps/callback")
    String callback() {
      return "ok";
    }
  }
}
