package io.github.vippscallback.containers.payara;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The java that runs Payara Micro 7, which needs Java 21 or newer: the build's own JVM when it is 21+,
 * else the one in the system property {@code payara.java} (the pom's default: Temurin 25 where CI has it).
 * Without one the test fails, naming what is missing: it never skips.
 */
final class PayaraJava {

  static final int REQUIRED = 21;

  private PayaraJava() {}

  static String find() {
    if (Runtime.version().feature() >= REQUIRED) {
      String own = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      System.out.println("Payara Micro runs on this build's Java " + Runtime.version() + ": " + own);
      return own;
    }
    String configured = System.getProperty("payara.java", "");
    if (configured.isBlank() || !Files.isExecutable(Path.of(configured))) {
      throw new IllegalStateException("Payara Micro 7 needs Java " + REQUIRED + "+, this build runs on Java "
          + Runtime.version() + ", and payara.java ('" + configured + "') is not an executable java: run the"
          + " build on JDK " + REQUIRED + "+ or pass -Dpayara.java=/path/to/jdk-" + REQUIRED + "+/bin/java");
    }
    System.out.println("Payara Micro needs Java " + REQUIRED + "+; this build runs on Java " + Runtime.version()
        + ", so Payara runs on " + configured);
    return configured;
  }
}
