package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * With Spring Security set up but the starter's chain taken away (its auto-configuration excluded), the
 * start-up stops and names the missing chain and the endpoints it would have guarded: never the wrong
 * mechanism, never silently.
 */
class NotGuardedTests {

  @Test
  void startersChainExcludedWhileSpringSecurityIsSetUpStopsTheStartUp() {
    Throwable failure = catchThrowable(() -> new SpringApplication(ConsumerApplication.class)
        .run("--server.port=0", "--vipps.callback.environment=prod",
            "--spring.autoconfigure.exclude=io.github.vippscallback.spring.autoconfigure.VippsCallbackSecurityAutoConfiguration"));

    assertThat(failure).isNotNull();
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    assertThat(messages).anySatisfy(message -> assertThat(message)
        .contains("POST /vipps/payments/{orderId}", "'vippsCallbackSecurityFilterChain'"));
  }
}
