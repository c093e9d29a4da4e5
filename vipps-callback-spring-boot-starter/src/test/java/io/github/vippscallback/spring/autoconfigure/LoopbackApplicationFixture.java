package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.testapp.CallbackDns;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared set-up of the tests that run a whole test application on a real random port: its allowlist
 * resolves the request servers through {@link CallbackDns#SCRIPTED} on loopback (never real DNS), and every
 * test starts once the allowlist is ready. Each test class names its application, {@code RANDOM_PORT} and
 * its properties in its own {@code @SpringBootTest}.
 */
abstract class LoopbackApplicationFixture {

  /**
   * The opt-in that lets the allowlist take the loopback addresses {@link CallbackDns#SCRIPTED} answers
   * (special-purpose addresses are refused from DNS otherwise); tests that rely on those answers set it.
   */
  static final String ACCEPT_LOOPBACK_ANSWERS = "vipps.callback.dns.accept-special-purpose-addresses=true";

  /** The HTTP Basic {@code Authorization} of the test applications' user ({@code merchant}, {@code secret}). */
  static final String BASIC_AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString("merchant:secret".getBytes(StandardCharsets.US_ASCII));
  /** {@link #BASIC_AUTHORIZATION} as the headers of a request. */
  static final Map<String, String> CREDENTIALS = Map.of("Authorization", BASIC_AUTHORIZATION);

  /** The application's real port. */
  @LocalServerPort
  int port;

  /** The application's allowlist. */
  @Autowired
  VippsAllowlist allowlist;

  @DynamicPropertySource
  static void scriptedDns(DynamicPropertyRegistry registry) {
    registry.add(CallbackSettings.DNS_SERVERS, CallbackDns.SCRIPTED::address);
    // CallbackDns answers loopback addresses, where the test requests come from
    registry.add(CallbackSettings.DNS_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, () -> "true");
  }

  @BeforeEach
  void allowlistResolved() throws InterruptedException {
    assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
  }

  /** The guard's 403: problem+json, and the handler never ran. */
  static void assertForbiddenProblem(LoopbackHttpResponse response) {
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":403").doesNotContain("reached");
  }

  /** A JSON {@code POST} of {@code {}} from {@code from} (a loopback source address) to {@code target}. */
  LoopbackHttpResponse postJson(String from, String target) throws IOException {
    return LoopbackHttpClient.from(from).request("POST", port, target).body("{}", "application/json").send();
  }

  /** {@link #postJson} with the {@link #CREDENTIALS} of the test applications' user. */
  LoopbackHttpResponse postJsonWithCredentials(String from, String target) throws IOException {
    return LoopbackHttpClient.from(from).request("POST", port, target)
        .header("Authorization", BASIC_AUTHORIZATION)
        .body("{}", "application/json")
        .send();
  }
}
