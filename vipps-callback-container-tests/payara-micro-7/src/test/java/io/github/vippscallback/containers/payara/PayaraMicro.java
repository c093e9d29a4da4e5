package io.github.vippscallback.containers.payara;

import io.github.vippscallback.containers.CallbackServlet;
import io.github.vippscallback.containers.Deployment;
import io.github.vippscallback.containers.FilterSpec;
import io.github.vippscallback.containers.ServletContainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Payara Micro 7 in its own process, running a WAR made here: {@code WEB-INF/web.xml} declares the
 * filters with their init-parameters and the servlet, {@code WEB-INF/lib} holds this project's jars and
 * their dependencies, {@code WEB-INF/classes} the servlet. The server finds {@code VippsCallbackStartup} as
 * a {@code ServletContainerInitializer} by itself. Its HTTP listener is moved from the default {@code
 * 0.0.0.0} (IPv4 only) to {@code ::}, with {@code java.net.preferIPv4Stack=false}, so that it answers on
 * 127.0.0.1 and on ::1.
 */
final class PayaraMicro implements ServletContainer {

  private static final Duration READY_WITHIN = Duration.ofMinutes(3);

  private final Path payaraJar = Path.of(property("payara.micro.jar"));
  private final String version = property("payara.micro.version");
  private final Path work = Path.of(property("payara.work"));

  @Override
  public String name() {
    return "Payara Micro " + version + " (web.xml)";
  }

  @Override
  public Running start(Deployment deployment) throws Exception {
    Files.createDirectories(work);
    Path dir = Files.createTempDirectory(work, "run");
    Path war = dir.resolve("app.war");
    writeWar(war, deployment);
    Path preboot = dir.resolve("preboot.txt");
    Files.writeString(preboot,
        "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener"
            + ".address=::\n");
    int port = freePort();
    Path log = dir.resolve("payara.log");
    String java = PayaraJava.find();
    Process process = new ProcessBuilder(java, "-Djava.net.preferIPv4Stack=false", "-jar", payaraJar.toString(),
        "--deploy", war.toString(), "--contextroot", "/", "--port", Integer.toString(port), "--nocluster",
        "--rootdir", dir.resolve("root").toString(), "--prebootcommandfile", preboot.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    awaitReady(process, log);
    return new Running() {
      @Override
      public int ipv4Port() {
        return port;
      }

      @Override
      public int ipv6Port() {
        return port;
      }

      @Override
      public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    };
  }

  private static void awaitReady(Process process, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() - deadline < 0) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      if (text.contains(" ready in ")) {
        if (text.contains("SEVERE")) {
          process.destroyForcibly();
          throw new IllegalStateException("Payara Micro started with errors; its log " + log + ":\n" + tail(text));
        }
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; its log " + log
            + ":\n" + tail(text));
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("Payara Micro was not ready within " + READY_WITHIN + "; its log " + log
        + ":\n" + tail(Files.readString(log, StandardCharsets.UTF_8)));
  }

  private static String tail(String text) {
    return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
      return socket.getLocalPort();
    }
  }

  // ------------------------------------------------------------------ the WAR

  private static void writeWar(Path war, Deployment deployment)
      throws IOException, URISyntaxException, ClassNotFoundException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
      put(zip, "WEB-INF/web.xml", webXml(deployment).getBytes(StandardCharsets.UTF_8));
      String servlet = CallbackServlet.class.getName().replace('.', '/') + ".class";
      try (InputStream in = Objects.requireNonNull(CallbackServlet.class.getClassLoader().getResourceAsStream(servlet),
          servlet)) {
        put(zip, "WEB-INF/classes/" + servlet, in.readAllBytes());
      }
      // This project's servlet module and what it needs at run time: core, dnsjava, SLF4J's API.
      for (String className : List.of("io.github.vippscallback.servlet.VippsCallbackFilter",
          "io.github.vippscallback.address.IpAddress", "org.xbill.DNS.Message", "org.slf4j.LoggerFactory")) {
        Path location = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        String name = location.getFileName().toString();
        put(zip, "WEB-INF/lib/" + (name.endsWith(".jar") ? name : className + ".jar"),
            Files.isDirectory(location) ? jarOf(location) : Files.readAllBytes(location));
      }
    }
  }

  /** A module's {@code target/classes} (when the build has not packaged it) as the bytes of a jar. */
  private static byte[] jarOf(Path classes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream jar = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        put(jar, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  static String webXml(Deployment deployment) {
    StringBuilder xml = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                 version="6.0">
        """);
    List<String> mappings = new ArrayList<>();
    for (FilterSpec spec : deployment.filters()) {
      if (spec.instance() != null) {
        throw new IllegalArgumentException("a WAR declares filters in web.xml: init-parameters only, no "
            + spec.name() + " instance");
      }
      xml.append("  <filter>\n    <filter-name>").append(escape(spec.name())).append("</filter-name>\n")
          .append("    <filter-class>").append(spec.type().getName()).append("</filter-class>\n");
      for (Map.Entry<String, String> parameter : spec.initParameters().entrySet()) {
        xml.append("    <init-param><param-name>").append(escape(parameter.getKey()))
            .append("</param-name><param-value>").append(escape(parameter.getValue()))
            .append("</param-value></init-param>\n");
      }
      xml.append("  </filter>\n");
      mappings.add("  <filter-mapping><filter-name>" + escape(spec.name()) + "</filter-name><url-pattern>"
          + escape(spec.urlPattern()) + "</url-pattern></filter-mapping>\n");
    }
    mappings.forEach(xml::append);
    xml.append("  <servlet><servlet-name>callback</servlet-name><servlet-class>")
        .append(CallbackServlet.class.getName()).append("</servlet-class></servlet>\n")
        .append("  <servlet-mapping><servlet-name>callback</servlet-name><url-pattern>")
        .append(Deployment.SERVLET_PATTERN).append("</url-pattern></servlet-mapping>\n")
        .append("</web-app>\n");
    return xml.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set; run this test with Maven");
    }
    return value;
  }
}
