package io.github.vippscallback.spring;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.CallbackDns;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** WebFlux: an allowlist that knows no address yet (503), and a trusted proxy in front. */
class WebFluxUnavailableAndProxyTests {

  /** DNS knows none of the request servers: 503 with the configured Retry-After (2m). */
  @Nested
  @SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
      properties = {"vipps.callback.environment=prod", "vipps.callback.retry-after=2m"})
  class Unavailable {

    @DynamicPropertySource
    static void dns(DynamicPropertyRegistry registry) {
      registry.add("vipps.callback.dns.servers", CallbackDns.EMPTY::address);
    }

    @LocalServerPort
    int port;

    @Autowired
    VippsAllowlist allowlist;

    @Test
    void callbackWhileNoAddressIsKnownGets503WithTheConfiguredRetryAfter() throws Exception {
      assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isFalse();

      LoopbackHttpResponse response = LoopbackHttpClient.from(PROD_SERVER)
          .request("POST", port, "/vipps/class/payments").body("{}", "application/json").send();

      assertThat(response.status()).isEqualTo(503);
      assertThat(response.header("Retry-After")).isEqualTo("120");
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
      assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.body()).contains("\"status\":503").doesNotContain("reached");
    }
  }

  /** Behind a trusted proxy (127.0.0.5): the client is the proxy's X-Forwarded-For hop, from nobody else. */
  @Nested
  @SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
      properties = {"vipps.callback.environment=prod", "vipps.callback.trusted-proxies=" + TrustedProxy.PROXY})
  class TrustedProxy extends LoopbackApplicationFixture {

    static final String PROXY = "127.0.0.5";

    @Test
    void requestServerBehindTrustedProxyIsAllowed() throws IOException {
      LoopbackHttpResponse response = from(PROXY, "X-Forwarded-For", PROD_SERVER);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
    }

    @Test
    void strangerBehindTrustedProxyIsDenied() throws IOException {
      assertForbiddenProblem(from(PROXY, "X-Forwarded-For", STRANGER));
      assertForbiddenProblem(from(PROXY, "Forwarded", "for=" + STRANGER));
    }

    @Test
    void forwardedHeaderFromAnUntrustedPeerIsIgnored() throws IOException {
      assertForbiddenProblem(from(STRANGER, "X-Forwarded-For", PROD_SERVER));
    }

    @Test
    void aHopThatIsNoAddressIsDenied() throws IOException {
      assertForbiddenProblem(from(PROXY, "X-Forwarded-For", "callback-1.vipps.no"));
    }

    private LoopbackHttpResponse from(String source, String header, String value) throws IOException {
      return LoopbackHttpClient.from(source).request("POST", port, "/vipps/class/payments")
          .header(header, value).body("{}", "application/json").send();
    }
  }
}
