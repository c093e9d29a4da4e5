package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.CallbackDns;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DNS knows none of the request servers: the guarded endpoints answer 503 with the configured
 * {@code vipps.callback.retry-after} (here 2m), so that Vipps retries then.
 */
@SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"vipps.callback.environment=prod", "vipps.callback.retry-after=2m"})
class UnavailableAllowlistTests {

  @DynamicPropertySource
  static void dns(DynamicPropertyRegistry registry) {
    registry.add("vipps.callback.dns.servers", CallbackDns.EMPTY::address);
  }

  @LocalServerPort
  int port;

  @Autowired
  VippsAllowlist allowlist;

  @Test
  void callbackWhileNoAddressIsKnownGets503WithTheConfiguredRetryAfter() throws IOException, InterruptedException {
    assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isFalse();

    LoopbackHttpResponse response = LoopbackHttpClient.from(PROD_SERVER)
        .request("POST", port, "/vipps/class/payments").body("{}", "application/json").send();

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("120");
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":503").doesNotContain("reached");
  }

  @Test
  void otherEndpointsStayWithBootsDefaultSecurity() throws IOException {
    assertThat(LoopbackHttpClient.from(PROD_SERVER).get(port, "/hello").status()).isEqualTo(401);
  }
}
