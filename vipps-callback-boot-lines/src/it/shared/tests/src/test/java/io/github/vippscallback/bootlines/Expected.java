package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;

/** What the consumer's pom says this line and stack must show (surefire system properties). */
final class Expected {

  private Expected() {}

  static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (set by the consumer's pom)", name).isNotBlank();
    return value;
  }
}
