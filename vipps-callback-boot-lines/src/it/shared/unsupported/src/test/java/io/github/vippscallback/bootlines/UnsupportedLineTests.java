package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;

/**
 * The merchant's application on a Spring Boot line the starter does not support: the start-up stops, before
 * any bean exists, with a message naming the detected versions, the supported lines and the servlet-filter
 * alternative.
 */
class UnsupportedLineTests {

  @Test
  void startUpStopsNamingDetectedVersionsSupportedLinesAndTheServletFilter() {
    String line = System.getProperty("expected.boot.line");
    assertThat(SpringBootVersion.getVersion()).startsWith(line + ".");

    assertThatIllegalStateException()
        .isThrownBy(() -> new SpringApplication(ConsumerApplication.class)
            .run("--server.port=0", "--vipps.callback.environment=prod"))
        .withMessageContaining("vipps-callback-spring-boot-starter does not support Spring Boot " + line + ".")
        .withMessageContaining("(Spring Framework ")
        .withMessageContaining("it supports Spring Boot 3.5.x, 4.0.x and 4.1.x")
        .withMessageContaining("register VippsCallbackFilter with a FilterRegistrationBean");
  }
}
