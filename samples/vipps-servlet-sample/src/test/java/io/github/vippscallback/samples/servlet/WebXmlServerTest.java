package io.github.vippscallback.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsExtension;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The filter configured by init-parameters in the sample's own {@code src/main/webapp/WEB-INF/web.xml},
 * deployed by Tomcat, over real HTTP. The values reach {@code web.xml} as system properties.
 */
class WebXmlServerTest {

  private static final Path WEBAPP = Paths.get(WebXmlServer.DEFAULT_WEBAPP);

  @RegisterExtension
  final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 60, "127.0.0.2")
      .answer("callback-mt-2.vipps.no", 60, "127.0.0.3");

  private @Nullable EmbeddedServer server;

  @BeforeEach
  void startDns() throws Exception {
    System.setProperty(SampleSettings.DNS_SERVERS, dns.address());
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    System.clearProperty(SampleSettings.DNS_SERVERS);
    System.clearProperty(SampleSettings.ENVIRONMENT);
    System.clearProperty(SampleSettings.ADDITIONAL_ADDRESSES);
  }

  private int start() throws Exception {
    EmbeddedServer started = WebXmlServer.start(0, WEBAPP);
    server = started;
    return started.port();
  }

  @Test
  void passesACallbackFromARequestServerOnceTheFilterHasResolvedThem() throws Exception {
    int port = start();

    await().atMost(Duration.ofSeconds(20)).until(() -> Callbacks.post("127.0.0.2", port).status() != 503);

    assertThat(Callbacks.post("127.0.0.2", port).status()).isEqualTo(200);
    assertThat(Callbacks.post("127.0.0.3", port).body()).startsWith("{\"received\":");
  }

  @Test
  void deniesACallbackFromAnyOtherAddress() throws Exception {
    int port = start();
    await().atMost(Duration.ofSeconds(20)).until(() -> Callbacks.post("127.0.0.2", port).status() == 200);

    assertThat(Callbacks.post("127.0.0.9", port).status()).isEqualTo(403);
    assertThat(Callbacks.post("::1", port).status()).isEqualTo(403);
  }

  @Test
  void allowsTheAdditionalAddressesOfItsInitParameter() throws Exception {
    System.setProperty(SampleSettings.ADDITIONAL_ADDRESSES, "127.0.0.5, ::1");
    int port = start();
    await().atMost(Duration.ofSeconds(20)).until(() -> Callbacks.post("127.0.0.2", port).status() == 200);

    assertThat(Callbacks.post("127.0.0.5", port).status()).isEqualTo(200);
    assertThat(Callbacks.post("::1", port).status()).isEqualTo(200);
    assertThat(Callbacks.post("127.0.0.6", port).status()).isEqualTo(403);
  }

  @Test
  void refusesToStartWithABadEnvironmentInitParameter() {
    System.setProperty(SampleSettings.ENVIRONMENT, "staging");

    assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start");
  }
}
