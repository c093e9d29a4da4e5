package io.github.vippscallback.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that parsing and client-address resolution never look anything up in DNS.
 *
 * <p>A separate JVM runs {@link NoDnsLookupProbe} over every input of {@link AddressLiteralTable} with
 * a name service that records every lookup and answers none: on JDK 18 and later an
 * {@code InetAddressResolverProvider}, before that a security manager's {@code checkConnect(host, -1)},
 * which the JDK calls before each lookup. Both are compiled while the test runs, so the build itself
 * still targets Java 17. A control lookup at the end proves the recording works.
 */
class NoDnsLookupTest {

  private static final String PROVIDER_SOURCE =
      """
      package probe;
      public final class Recorder extends java.net.spi.InetAddressResolverProvider {
        public static void install() {}
        @Override public java.net.spi.InetAddressResolver get(Configuration configuration) {
          return new java.net.spi.InetAddressResolver() {
            @Override public java.util.stream.Stream<java.net.InetAddress> lookupByName(
                String host, java.net.spi.InetAddressResolver.LookupPolicy policy)
                throws java.net.UnknownHostException {
              System.out.println("LOOKUP " + host);
              throw new java.net.UnknownHostException(host);
            }
            @Override public String lookupByAddress(byte[] address)
                throws java.net.UnknownHostException {
              System.out.println("REVERSE LOOKUP");
              throw new java.net.UnknownHostException();
            }
          };
        }
        @Override public String name() { return "recording"; }
      }
      """;

  private static final String SECURITY_MANAGER_SOURCE =
      """
      package probe;
      public final class Recorder extends SecurityManager {
        public static void install() { System.setSecurityManager(new Recorder()); }
        @Override public void checkPermission(java.security.Permission permission) {}
        @Override public void checkPermission(java.security.Permission permission, Object c) {}
        @Override public void checkConnect(String host, int port) {
          if (port == -1) {
            System.out.println("LOOKUP " + host);
            throw new SecurityException("no lookups: " + host);
          }
        }
      }
      """;

  @Test
  void parsingAndResolvingHostileInputLooksNothingUp(@TempDir Path dir) throws Exception {
    boolean resolverProviders = Runtime.version().feature() >= 18;
    Path classes = dir.resolve("classes");
    compile(resolverProviders ? PROVIDER_SOURCE : SECURITY_MANAGER_SOURCE, classes);
    if (resolverProviders) {
      Path services = classes.resolve("META-INF/services/java.net.spi.InetAddressResolverProvider");
      Files.createDirectories(services.getParent());
      Files.writeString(services, "probe.Recorder\n");
    }

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!resolverProviders) {
      command.add("-Djava.security.manager=allow");
    }
    command.add("-cp");
    command.add(classes + java.io.File.pathSeparator + System.getProperty("java.class.path"));
    command.add(NoDnsLookupProbe.class.getName());
    command.add("probe.Recorder");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process probe =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean exited = probe.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      probe.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(exited).as("probe finished; stderr: %s", stderr).isTrue();
    assertThat(probe.exitValue()).as("probe exit value; stderr: %s", stderr).isZero();

    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).as("stdout of the probe").hasSize(3);
    assertThat(lines.get(0)).as("no lookup before this line").startsWith(NoDnsLookupProbe.INPUTS_DONE);
    assertThat(lines.get(1)).as("the control lookup was recorded")
        .isEqualTo("LOOKUP " + NoDnsLookupProbe.CONTROL_HOST);
    assertThat(lines.get(2)).isEqualTo(NoDnsLookupProbe.CONTROL_DONE);
  }

  private static void compile(String source, Path classes) throws IOException {
    Files.createDirectories(classes);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    SimpleJavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///probe/Recorder.java"), SimpleJavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    List<String> options = List.of("-d", classes.toString(), "-nowarn", "-Xlint:none");
    boolean compiled = compiler.getTask(null, null, null, options, null, List.of(file)).call();
    assertThat(compiled).as("recorder compiles").isTrue();
  }

  /** Names the JDK's name-service entry points; none may appear in the parsing classes. */
  private static final List<String> LOOKUP_METHODS =
      List.of(
          "getByName",
          "getAllByName",
          "getHostName",
          "getCanonicalHostName",
          "getLocalHost",
          "InetSocketAddress",
          "org/xbill/DNS");

  private static final Pattern PARSING_CLASSES =
      Pattern.compile(
          "(IpLiteralParser|IpAddress|IpRange|AddressSet|ClientAddressResolver|QuotedValue)(\\$.*)?\\.class");

  @Test
  void parsingClassesDoNotReferenceAnyNameServiceMethod() throws Exception {
    Path packageDir = Path.of(IpAddress.class.getResource("IpAddress.class").toURI()).getParent();
    List<Path> classFiles;
    try (Stream<Path> files = Files.list(packageDir)) {
      classFiles =
          files
              .filter(f -> PARSING_CLASSES.matcher(f.getFileName().toString()).matches())
              .collect(Collectors.toList());
    }
    assertThat(classFiles)
        .extracting(f -> f.getFileName().toString())
        .contains(
            "IpLiteralParser.class",
            "IpAddress.class",
            "IpRange.class",
            "AddressSet.class",
            "ClientAddressResolver.class");
    for (Path classFile : classFiles) {
      String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
      for (String method : LOOKUP_METHODS) {
        assertThat(constants).as("%s refers to %s", classFile.getFileName(), method).doesNotContain(method);
      }
    }
  }
}
