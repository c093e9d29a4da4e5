package io.github.vippscallback.samples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starts the packaged {@code target/vipps-webhook-receiver.jar} AOT-processed ({@code process-aot} at build
 * time, {@code -Dspring.aot.enabled=true} at run time, as a native image runs it) as a real process, with DNS
 * on loopback answering the test environment's request servers with 127.0.0.2 and 127.0.0.3, and checks
 * allow and deny over real HTTP from real loopback source addresses. Runs in the integration-test phase,
 * after repackage has built the jar.
 */
class AotPackagedJarIT {

  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

  @RegisterExtension
  static final LoopbackDnsExtension dns = Loopback.requestServers();

  private static Process application;
  private static final List<String> output = new CopyOnWriteArrayList<>();
  private static int port;

  @BeforeAll
  static void startAotProcessedJar() throws Exception {
    String jar = System.getProperty("vipps.receiver.jar");
    assertThat(jar).as("system property vipps.receiver.jar (set by the pom)").isNotNull();
    Path path = Paths.get(jar);
    assertThat(path).isRegularFile();
    application = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dspring.aot.enabled=true",
        "-jar", path.toString(),
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--vipps.callback.dns.servers=" + dns.address(),
        // the loopback DNS answers loopback addresses, which the allowlist takes only when told to
        "--vipps.callback.dns.accept-special-purpose-addresses=true")
        .redirectErrorStream(true)
        .start();
    application.getOutputStream().close();
    CompletableFuture<Integer> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(started), "aot-jar-output");
    reader.setDaemon(true);
    reader.start();
    port = started.get(120, TimeUnit.SECONDS);
  }

  private static void read(CompletableFuture<Integer> started) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        Matcher matcher = PORT.matcher(line);
        if (matcher.find()) {
          started.complete(Integer.parseInt(matcher.group(1)));
        }
      }
      started.completeExceptionally(new AssertionError("the application ended:\n" + String.join("\n", output)));
    } catch (IOException e) {
      started.completeExceptionally(e);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (application != null) {
      application.destroy();
      if (!application.waitFor(30, TimeUnit.SECONDS)) {
        application.destroyForcibly();
      }
    }
  }

  @Test
  void runsAotProcessedAndSaysWhatItGuards() {
    assertThat(output).anySatisfy(line -> assertThat(line).contains("Starting AOT-processed WebhookReceiverApplication"));
    assertThat(output).anySatisfy(line -> assertThat(line)
        .contains("Vipps callbacks: environment test; 1 guarded endpoint(s) "
            + "[POST /vipps/webhooks/epayment [consumes=[application/json]]] by the servlet filter"));
  }

  @Test
  void acceptsAnEventFromATestRequestServer() {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> Events.post("127.0.0.2", port, Events.authorized("order-aot-1")).status() == 200);
  }

  @Test
  void refusesAnEventFromAnotherAddress() throws IOException {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> Events.post("127.0.0.3", port, Events.authorized("order-aot-2")).status() == 200);

    LoopbackHttpResponse response = Events.post("127.0.0.9", port, Events.authorized("order-aot-3"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
  }
}
