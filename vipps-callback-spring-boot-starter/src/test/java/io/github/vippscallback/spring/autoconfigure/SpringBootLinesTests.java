package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.support.GenericApplicationContext;

class SpringBootLinesTests {

  @Test
  void supportsEachTestedLineWhateverThePatch() {
    assertThat(SpringBootLines.support("3.5.7")).isEqualTo(SpringBootLines.Support.SUPPORTED);
    assertThat(SpringBootLines.support("4.0.7")).isEqualTo(SpringBootLines.Support.SUPPORTED);
    assertThat(SpringBootLines.support("4.1.0-RC1")).isEqualTo(SpringBootLines.Support.SUPPORTED);
    assertThat(SpringBootLines.support("4.1.2")).isEqualTo(SpringBootLines.Support.SUPPORTED);
  }

  @Test
  void refusesOlderLinesAndBoot2() {
    assertThat(SpringBootLines.support("3.4.11")).isEqualTo(SpringBootLines.Support.TOO_OLD);
    assertThat(SpringBootLines.support("3.0.0")).isEqualTo(SpringBootLines.Support.TOO_OLD);
    assertThat(SpringBootLines.support("2.7.18")).isEqualTo(SpringBootLines.Support.TOO_OLD);
  }

  @Test
  void marksNewerLinesAsNotTested() {
    assertThat(SpringBootLines.support("4.2.0")).isEqualTo(SpringBootLines.Support.NEWER_THAN_TESTED);
    assertThat(SpringBootLines.support("5.0.0-M1")).isEqualTo(SpringBootLines.Support.NEWER_THAN_TESTED);
  }

  @Test
  void knowsNothingOfAVersionWithoutMajorAndMinor() {
    assertThat(SpringBootLines.support(null)).isNull();
    assertThat(SpringBootLines.support("4")).isNull();
    assertThat(SpringBootLines.support("four.one")).isNull();
  }

  @Test
  void namesTheSupportedLines() {
    assertThat(SpringBootLines.supportedText()).isEqualTo("3.5.x, 4.0.x and 4.1.x");
  }

  @Test
  void refusalNamesDetectedVersionsSupportedLinesAndTheServletFilterAlternative() {
    String message = SpringBootLineCheck.unsupportedMessage(
        SpringBootLineCheck.detected("3.4.5", SpringBootLinesTests.class.getClassLoader()));

    assertThat(message)
        .contains("does not support Spring Boot 3.4.5 (Spring Framework ", "Spring Security 7.", "Jakarta Servlet")
        .contains("supports Spring Boot 3.5.x, 4.0.x and 4.1.x")
        .contains("vipps-callback-servlet", "VippsCallbackFilter", "FilterRegistrationBean")
        .contains("Spring Boot 2 (javax.servlet) has no supported integration");
  }

  @Test
  void startsQuietlyOnTheLineItIsBuiltAgainst() {
    assertThat(SpringBootLines.support(SpringBootVersion.getVersion())).isEqualTo(SpringBootLines.Support.SUPPORTED);
    try (GenericApplicationContext context = new GenericApplicationContext()) {
      new SpringBootLineCheck().initialize(context); // does not throw
    }
  }
}
