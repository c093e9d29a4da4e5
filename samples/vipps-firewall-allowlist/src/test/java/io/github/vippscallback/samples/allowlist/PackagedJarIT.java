package io.github.vippscallback.samples.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged {@code target/vipps-firewall-allowlist.jar} as a real process, as
 * docs/guides/firewall-tool.md says: {@code java -jar ... --environment prod --format nginx}. Runs in the integration-test phase, after
 * the shade plugin has built the jar.
 */
class PackagedJarIT {

  private static Path jar() {
    String jar = System.getProperty("vipps.allowlist.jar");
    assertThat(jar).as("system property vipps.allowlist.jar (set by the pom)").isNotNull();
    Path path = Paths.get(jar);
    assertThat(path).isRegularFile();
    return path;
  }

  private static ProcessResult java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path err = Files.createTempFile("vipps-firewall-allowlist", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the tool ends").isTrue();
      return new ProcessResult(process.exitValue(), new String(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(err);
    }
  }

  @Test
  void printsNginxRulesForProdFromTheRunnableJar() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      dns.answer("callback-2.vipps.no", 60, "192.0.2.2");
      dns.answer("callback-dr-1.vipps.no", 60, "192.0.2.81");

      ProcessResult result = java("--environment", "prod", "--format", "nginx", "--dns-server", dns.address());

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).endsWith("allow 192.0.2.2;\nallow 192.0.2.81;\ndeny all;\n");
    }
  }

  @Test
  void exitsWithThreeFromTheRunnableJarWhenNothingResolves() throws Exception {
    try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
      ProcessResult result = java("--environment", "test", "--dns-server", dns.address());

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.out()).isEmpty();
    }
  }

  @Test
  void exitsWithTwoAndUsageFromTheRunnableJarOnBadUsage() throws Exception {
    ProcessResult result = java("--environment", "prod", "--format", "pf");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--format 'pf' is not a format", "Usage: java -jar vipps-firewall-allowlist.jar");
  }

  @Test
  void jarHoldsTheCoreButNotTheTestSupport() throws IOException {
    try (ZipFile zip = new ZipFile(jar().toFile())) {
      assertThat(zip.getEntry("io/github/vippscallback/allowlist/VippsAllowlist.class")).isNotNull();
      assertThat(zip.getEntry("io/github/vippscallback/test/LoopbackDnsServer.class")).isNull();
    }
  }

  private record ProcessResult(int exitCode, String out, String err) {}
}
