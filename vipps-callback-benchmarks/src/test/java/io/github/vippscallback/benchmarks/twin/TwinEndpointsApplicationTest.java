package io.github.vippscallback.benchmarks.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The two endpoints the end-to-end script compares differ only in the guard: both take the same event,
 * the guarded one only from the test environment's request servers (127.0.0.2 here, answered by DNS on
 * loopback), the open one from anyone. Real HTTP from real loopback source addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vipps.callback.environment=test")
class TwinEndpointsApplicationTest {

  private static final String EVENT = """
      {"msn":"123456","reference":"order-1","pspReference":"psp-1","name":"AUTHORIZED",
       "amount":{"currency":"NOK","value":1000},"timestamp":"2026-11-23T20:00:00Z",
       "idempotencyKey":"k-1","success":true}""";

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 60, "127.0.0.2")
      .answer("callback-mt-2.vipps.no", 60, "127.0.0.2");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("vipps.callback.dns.servers", dns::address);
  }

  @LocalServerPort
  private int port;

  @BeforeEach
  void awaitRequestServersResolved() {
    // Until the allowlist has resolved, the guarded endpoint answers 503 to everyone.
    await().atMost(Duration.ofSeconds(20)).until(() -> post("127.0.0.9", TwinEndpointsController.GUARDED, EVENT) == 403);
  }

  @Test
  void guardedEndpointWhenRequestServerPostsEventThenAnswersOk() throws IOException {
    assertThat(post("127.0.0.2", TwinEndpointsController.GUARDED, EVENT)).isEqualTo(200);
  }

  @Test
  void guardedEndpointWhenAnyoneElsePostsEventThenForbids() throws IOException {
    assertThat(post("127.0.0.9", TwinEndpointsController.GUARDED, EVENT)).isEqualTo(403);
  }

  @Test
  void openEndpointWhenAnyonePostsEventThenAnswersOk() throws IOException {
    assertThat(post("127.0.0.9", TwinEndpointsController.OPEN, EVENT)).isEqualTo(200);
    assertThat(post("127.0.0.2", TwinEndpointsController.OPEN, EVENT)).isEqualTo(200);
  }

  @Test
  void bothEndpointsWhenEventIncompleteThenAnswerBadRequest() throws IOException {
    assertThat(post("127.0.0.9", TwinEndpointsController.OPEN, "{\"msn\":\"123456\",\"success\":true}")).isEqualTo(400);
    assertThat(post("127.0.0.2", TwinEndpointsController.GUARDED, "{\"msn\":\"123456\",\"success\":true}")).isEqualTo(400);
  }

  private int post(String source, String path, String body) throws IOException {
    return LoopbackHttpClient.from(source).request("POST", port, path).body(body, "application/json").send().status();
  }
}
