package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.STRANGER;
import static io.github.vippscallback.bootlines.Requests.assertProblem;
import static io.github.vippscallback.bootlines.Requests.postCallback;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The jar as ahead-of-time processing made it (the line's own {@code spring-boot-maven-plugin:process-aot},
 * as for a native image), started with {@code -Dspring.aot.enabled=true}: the generated bean definitions
 * replace the auto-configurations' conditions, and the guard still lets Vipps through, refuses a stranger
 * and reports UP. The hints the starter contributes ({@code VippsCallbackRuntimeHints}) are in the jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AotJarTests {

  private LoopbackDnsServer dns;
  private ConsumerJar app;
  private int port;

  @BeforeAll
  void start() throws Exception {
    dns = LoopbackDnsServer.start().answer("callback-1.vipps.no", 300, PROD_IPV4);
    app = ConsumerJar.start("aot", List.of("-Dspring.aot.enabled=true"), List.of(
        "--server.port=0",
        "--vipps.callback.environment=prod",
        "--vipps.callback.dns.servers=" + dns.address(),
        "--vipps.callback.dns.accept-special-purpose-addresses=true",
        "--management.endpoint.health.show-components=always"));
    port = app.awaitStarted();
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void startsFromTheGeneratedBeanDefinitions() {
    // Spring Framework logs nothing for AOT mode; its generated initializer is in the jar and was used.
    assertThat(app.output()).contains("Started ConsumerApplication");
    assertThat(jarEntries()).anyMatch(name -> name.endsWith("ConsumerApplication__ApplicationContextInitializer.class"));
  }

  @Test
  void guardsTheCallbacks() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (postCallback(PROD_IPV4, port, "order-40").status() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(postCallback(PROD_IPV4, port, "order-41").body()).isEqualTo("reached order-41");
    assertProblem(postCallback(STRANGER, port, "order-42"), 403);
    assertThat(LoopbackHttpClient.from("127.0.0.1").get(port, "/actuator/health").body())
        .contains("\"vippsCallback\":{\"status\":\"UP\"");
  }

  @Test
  void theStartersRuntimeHintsAreInTheJar() throws Exception {
    String hints = nativeImageMetadata();
    assertThat(hints).contains("io.github.vippscallback.spring.actuate.AllowlistSnapshot");
    if (Expected.property("expected.boot.line").startsWith("3.")) {
      // the health contributor on Boot 3: a JDK proxy of Boot 3's HealthIndicator, Health built reflectively
      assertThat(hints).contains("org.springframework.boot.actuate.health.HealthIndicator")
          .contains("org.springframework.boot.actuate.health.Health$Builder");
    }
  }

  /** The native-image metadata process-aot wrote into the jar (META-INF/native-image/...). */
  private static String nativeImageMetadata() throws IOException {
    try (JarFile jar = new JarFile(System.getProperty("consumer.jar"))) {
      List<String> files = jar.stream().map(entry -> entry.getName())
          .filter(name -> name.contains("META-INF/native-image/") && name.endsWith(".json"))
          .toList();
      assertThat(files).as("native-image metadata in the jar").isNotEmpty();
      StringBuilder text = new StringBuilder();
      for (String name : files) {
        text.append(new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8));
      }
      return text.toString();
    }
  }

  private static List<String> jarEntries() {
    try (JarFile jar = new JarFile(Path.of(System.getProperty("consumer.jar")).toFile())) {
      return jar.stream().map(entry -> entry.getName()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
