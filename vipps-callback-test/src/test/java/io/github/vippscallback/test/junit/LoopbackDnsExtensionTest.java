package io.github.vippscallback.test.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class LoopbackDnsExtensionTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 60, "192.0.2.10", "2001:db8::10")
      .behave("callback-mt-2.vipps.no", LoopbackDnsServer.Behaviour.SERVFAIL);

  @Test
  void answersWhatTheFieldScriptedBeforeTheServerStarted() throws IOException {
    assertThat(answers(dns.address(), "callback-mt-1.vipps.no.", Type.A)).containsExactly("192.0.2.10");
    assertThat(answers(dns.address(), "callback-mt-1.vipps.no.", Type.AAAA)).containsExactly("2001:db8:0:0:0:0:0:10");
    assertThat(rcode(dns.address(), "callback-mt-2.vipps.no.")).isEqualTo(Rcode.SERVFAIL);
    assertThat(rcode(dns.address(), "callback-1.vipps.no.")).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void addressIsTheLoopbackHostAndPortThatDnsServerSettingsTake() {
    assertThat(dns.address()).isEqualTo("127.0.0.1:" + dns.server().port());
  }

  @Test
  void injectsTheRunningServerAsATestParameter(LoopbackDnsServer server) {
    assertThat(server).isSameAs(dns.server());
  }

  @Test
  void answerWhileRunningChangesTheRunningServer() throws IOException {
    dns.answer("callback-mt-3.vipps.no", 60, "192.0.2.30");

    assertThat(answers(dns.address(), "callback-mt-3.vipps.no.", Type.A)).containsExactly("192.0.2.30");
  }

  @Nested
  class InANestedClass {
    @Test
    void seesTheEnclosingClassServer(LoopbackDnsServer server) throws IOException {
      assertThat(server).isSameAs(dns.server());
      assertThat(answers(dns.address(), "callback-mt-1.vipps.no.", Type.A)).containsExactly("192.0.2.10");
    }
  }

  // --- lifecycle, seen from outside by running example classes with the JUnit engine ---

  static final List<String> seen = new CopyOnWriteArrayList<>();

  /** A class-wide server (static field): one server for every test, closed after the last. */
  static class ClassWide {
    @RegisterExtension
    static final LoopbackDnsExtension dns = new LoopbackDnsExtension().answer("a.example", 60, "192.0.2.1");

    @BeforeAll
    static void beforeAll(LoopbackDnsServer server) {
      seen.add("beforeAll " + server.address());
    }

    @Test
    void first() {
      seen.add(dns.address());
    }

    @Test
    void second() {
      seen.add(dns.address());
    }

    @Nested
    class Inner {
      @Test
      void nested() {
        seen.add(dns.address());
      }
    }
  }

  /** A per-test server (instance field): a fresh server for each test, closed after it. */
  static class PerTest {
    @RegisterExtension
    final LoopbackDnsExtension dns = new LoopbackDnsExtension().answer("a.example", 60, "192.0.2.1");

    @Test
    void first() throws IOException {
      seen.add(dns.address() + " " + answers(dns.address(), "a.example.", Type.A));
    }

    @Test
    void second() throws IOException {
      seen.add(dns.address() + " " + answers(dns.address(), "a.example.", Type.A));
    }
  }

  /** A nested class with a class-wide server of its own. */
  static class NestedOwn {
    @Nested
    class Inner {
      @RegisterExtension
      static final LoopbackDnsExtension own = new LoopbackDnsExtension();

      @Test
      void first() {
        seen.add(own.address());
      }

      @Test
      void second() {
        seen.add(own.address());
      }
    }
  }

  /** Declared with @ExtendWith: the server reaches the test only as a parameter. */
  @ExtendWith(LoopbackDnsExtension.class)
  static class Declared {
    @Test
    void first(LoopbackDnsServer server) {
      seen.add(server.address());
    }

    @Test
    void second(LoopbackDnsServer server) {
      seen.add(server.address());
    }
  }

  @Test
  void staticFieldStartsOneServerForTheClassAndItsNestedClassesAndClosesItAfterTheLast() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ClassWide.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));

    assertThat(seen).hasSize(4);
    String address = seen.get(0).substring("beforeAll ".length());
    assertThat(seen.subList(1, 4)).containsOnly(address);
    assertClosed(address);
    assertThatThrownBy(ClassWide.dns::address)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }

  @Test
  void instanceFieldStartsAFreshScriptedServerForEachTestAndClosesIt() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerTest.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(seen).hasSize(2).allSatisfy(line -> assertThat(line).endsWith(" [192.0.2.1]"));
    String first = seen.get(0).split(" ")[0];
    String second = seen.get(1).split(" ")[0];
    assertThat(first).isNotEqualTo(second);
    assertClosed(first);
    assertClosed(second);
  }

  @Test
  void staticFieldOfANestedClassServesThatClassAndIsClosedAfterIt() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NestedOwn.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isEqualTo(seen.get(1));
    assertClosed(seen.get(0));
  }

  @Test
  void extendWithStartsOneServerForTheClassAndInjectsIt() {
    seen.clear();

    EngineTestKit.engine("junit-jupiter").selectors(selectClass(Declared.class)).execute()
        .testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isEqualTo(seen.get(1));
    assertClosed(seen.get(0));
  }

  /** A closed server no longer listens: a TCP connection to its port is refused at once. */
  private static void assertClosed(String address) {
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  private static List<String> answers(String address, String name, int type) throws IOException {
    return send(address, name, type).getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  private static int rcode(String address, String name) throws IOException {
    return send(address, name, Type.A).getRcode();
  }

  private static Message send(String address, String name, int type) throws IOException {
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(LOOPBACK, port));
    resolver.setTimeout(Duration.ofSeconds(5));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }
}
