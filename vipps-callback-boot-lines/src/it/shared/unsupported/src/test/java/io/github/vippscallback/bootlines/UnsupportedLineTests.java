package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The merchant's application on a Spring Boot line the starter does not support, its jar started with
 * {@code java -jar}: the start-up stops, before any bean exists and before the server listens, with a message
 * naming the detected versions, the supported lines and the servlet-filter alternative, and the process
 * ends with a failure.
 */
class UnsupportedLineTests {

  private ConsumerJar app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void startUpStopsNamingDetectedVersionsSupportedLinesAndTheServletFilter() throws Exception {
    String line = System.getProperty("expected.boot.line");
    app = ConsumerJar.start("unsupported", List.of(), List.of("--server.port=0", "--vipps.callback.environment=prod"));

    int exitCode = app.awaitExit();

    String output = app.output();
    assertThat(exitCode).as("exit code; output:%n%s", output).isNotZero();
    assertThat(output)
        .contains(":: Spring Boot ::").contains("(v" + line + ".")
        .contains("java.lang.IllegalStateException: vipps-callback-spring-boot-starter does not support Spring Boot "
            + line + ".")
        .contains("(Spring Framework ")
        .contains("it supports Spring Boot 3.5.x, 4.0.x and 4.1.x")
        .contains("register VippsCallbackFilter with a FilterRegistrationBean")
        .doesNotContain("Started ConsumerApplication")
        .doesNotContain("started on port");
  }
}
