package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad {@code vipps.callback.environment} stops the start-up, naming the property, the value and the valid
 * ones, and Spring Boot's failure analysis (the starter's {@code FailureAnalyzer}) says the same to the
 * operator.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadEnvironmentTests {

  @Test
  void badEnvironmentStopsTheStartUpNamingTheValidValues(CapturedOutput output) {
    Throwable failure = catchThrowable(() -> new SpringApplication(ConsumerApplication.class)
        .run("--server.port=0", "--vipps.callback.environment=staging"));

    assertThat(failure).isNotNull();
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    assertThat(messages).anySatisfy(message -> assertThat(message)
        .contains("vipps.callback.environment", "staging", "prod", "test"));
    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("The Vipps callback guard cannot start:")
        .contains("Property: vipps.callback.environment")
        .contains("Value:    'staging'")
        .containsPattern("Change vipps.callback.environment. Valid values: [^\\n]*prod[^\\n]*test");
  }
}
