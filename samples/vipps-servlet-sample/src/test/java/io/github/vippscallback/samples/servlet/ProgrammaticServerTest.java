package io.github.vippscallback.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The filter configured in code, in front of the callback servlet, over real HTTP. */
class ProgrammaticServerTest {

  @RegisterExtension
  final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 60, "127.0.0.2", "::1")
      .answer("callback-mt-2.vipps.no", 60, "127.0.0.3");

  private VippsAllowlist allowlist;
  private EmbeddedServer server;

  @BeforeEach
  void start() throws Exception {
    allowlist = VippsAllowlist.builder(VippsEnvironment.TEST).dnsServers(List.of(dns.address())).build();
    server = ProgrammaticServer.start(0, allowlist, ClientAddressResolver.ignoringForwardedHeaders());
    assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(10))).isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void passesACallbackFromARequestServerToTheServlet() throws Exception {
    LoopbackHttpResponse response = Callbacks.post("127.0.0.2", server.port());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"received\":" + Callbacks.EVENT.length() + "}");
  }

  @Test
  void passesCallbacksFromEveryRequestServerAndOverIpv6() throws Exception {
    assertThat(Callbacks.post("127.0.0.3", server.port()).status()).isEqualTo(200);
    assertThat(Callbacks.post("::1", server.port()).status()).isEqualTo(200);
  }

  @Test
  void deniesACallbackFromAnyOtherAddressWithAProblemThatRevealsNothing() throws Exception {
    LoopbackHttpResponse response = Callbacks.post("127.0.0.9", server.port());

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.body()).doesNotContain("received", "127.0.0.2", "127.0.0.3", "callback-mt");
  }

  @Test
  void ignoresAForwardedHeaderFromAClientThatIsNoTrustedProxy() throws Exception {
    LoopbackHttpResponse response =
        Callbacks.post("127.0.0.9", server.port(), Map.of("X-Forwarded-For", "127.0.0.2"));

    assertThat(response.status()).isEqualTo(403);
  }
}
