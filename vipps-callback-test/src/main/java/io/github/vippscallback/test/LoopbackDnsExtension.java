package io.github.vippscallback.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link LoopbackDnsServer} for a test class: started before the class's
 * first test, closed after its last, answering what the test scripts.
 *
 * <p>In a static field it serves the whole class, and a Spring test's application context (started after it)
 * is pointed at it: {@code vipps.callback.dns.servers} is set to its server for the class and its nested
 * classes ({@code io.github.vippscallback.test.spring.LoopbackDnsContextCustomizerFactory}), below the test's
 * own properties. What the allowlist may take from it stays the test's to say:
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
 *     // the answers are loopback addresses, which the allowlist takes only when told to
 *     properties = "vipps.callback.dns.accept-special-purpose-addresses=true")
 * class WebhookTest {
 *
 *   @RegisterExtension
 *   static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
 *       .answer("callback-mt-1.vipps.no", 60, "127.0.0.2");
 * }
 * }</pre>
 *
 * <p>In an instance field each test gets a fresh server. {@code @ExtendWith(LoopbackDnsExtension.class)}
 * works too, with the server as a parameter of a test, {@code @BeforeAll} or {@code @BeforeEach} method
 * or constructor. Answers scripted before the server starts are given by every server this extension
 * starts; answers scripted while it runs change only that server, as {@link LoopbackDnsServer#answer}
 * does.
 *
 * <p>The server answers on {@code 127.0.0.1}: the allowlist will only accept a loopback or other
 * special-purpose address from it when the test says so in its own configuration.
 */
public final class LoopbackDnsExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private final List<Consumer<LoopbackDnsServer>> script = new ArrayList<>();
  private volatile @Nullable LoopbackDnsServer server;
  /** The unique id of the class context that started the server, or null when a test started it. */
  private @Nullable String startedByClass;

  /** An extension that starts a server answering NXDOMAIN to every name until a test scripts answers. */
  public LoopbackDnsExtension() {}

  /**
   * Answers {@code host} with these addresses, as {@link LoopbackDnsServer#answer}: before the server starts
   * for every server this extension starts, afterwards for the running one.
   *
   * @param host the name to answer
   * @param ttlSeconds the TTL of the records, in seconds
   * @param addresses IPv4 and IPv6 address literals
   * @return this extension
   * @throws IllegalArgumentException when an address is not an IP literal
   */
  public LoopbackDnsExtension answer(String host, long ttlSeconds, String... addresses) {
    return script(server -> server.answer(host, ttlSeconds, addresses));
  }

  /**
   * Treats queries for {@code host} as {@code behaviour}, as {@link LoopbackDnsServer#behave(String,
   * LoopbackDnsServer.Behaviour)}: before the server starts for every server this extension starts,
   * afterwards for the running one.
   *
   * @param host the name whose queries are affected
   * @param behaviour how its queries are treated
   * @return this extension
   */
  public LoopbackDnsExtension behave(String host, LoopbackDnsServer.Behaviour behaviour) {
    return script(server -> server.behave(host, behaviour));
  }

  /**
   * The running server, e.g. to count its queries or script it further.
   *
   * @return the server of the running test
   * @throws IllegalStateException when no test of the class is running
   */
  public LoopbackDnsServer server() {
    LoopbackDnsServer running = server;
    if (running == null) {
      throw new IllegalStateException(
          "LoopbackDnsExtension has no server running: register it with @RegisterExtension (a static field for"
              + " a whole class, an instance field for each test) or @ExtendWith, and ask only while a test runs");
    }
    return running;
  }

  /**
   * Whether a server of this extension is running (a test of its class is under way).
   *
   * @return {@code true} while a test of the class is running
   */
  public boolean isRunning() {
    return server != null;
  }

  /**
   * The running server's {@code 127.0.0.1:port}, the value of {@code vipps.callback.dns.servers}, the
   * {@code dns-servers} init-parameter and the core builder's {@code dnsServers}. As a method reference
   * ({@code dns::address}) it suits Spring's {@code DynamicPropertyRegistry}, which asks only once the
   * server runs.
   *
   * @return the server's address, {@code 127.0.0.1:port}
   * @throws IllegalStateException when no test of the class is running
   */
  public String address() {
    return server().address();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (server == null) {
      server = startScripted();
      startedByClass = context.getUniqueId();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      server = startScripted();
      startedByClass = null;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (startedByClass == null) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Nested classes share their enclosing class's extension: only the class that started it stops it.
    if (context.getUniqueId().equals(startedByClass)) {
      stop();
      startedByClass = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LoopbackDnsServer.class;
  }

  @Override
  public LoopbackDnsServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }

  @Override
  public String toString() {
    LoopbackDnsServer running = server;
    return "LoopbackDnsExtension{" + (running == null ? "stopped" : running.address()) + "}";
  }

  private LoopbackDnsExtension script(Consumer<LoopbackDnsServer> step) {
    LoopbackDnsServer running = server;
    if (running == null) {
      script.add(step);
    } else {
      step.accept(running);
    }
    return this;
  }

  private LoopbackDnsServer startScripted() {
    LoopbackDnsServer started;
    try {
      started = LoopbackDnsServer.start();
    } catch (IOException e) {
      throw new UncheckedIOException("LoopbackDnsExtension could not start a DNS server on 127.0.0.1", e);
    }
    script.forEach(step -> step.accept(started));
    return started;
  }

  private void stop() {
    LoopbackDnsServer running = server;
    server = null;
    if (running != null) {
      running.close();
    }
  }
}
