package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** A bad {@code vipps.callback.environment} stops the start-up, naming the property, the value and the valid ones. */
class BadEnvironmentTests {

  @Test
  void badEnvironmentStopsTheStartUpNamingTheValidValues() {
    Throwable failure = catchThrowable(() -> new SpringApplication(ConsumerApplication.class)
        .run("--server.port=0", "--vipps.callback.environment=staging"));

    assertThat(failure).isNotNull();
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    assertThat(messages).anySatisfy(message -> assertThat(message)
        .contains("vipps.callback.environment", "staging", "prod", "test"));
  }
}
