package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.assertProblem;
import static io.github.vippscallback.bootlines.Requests.postCallback;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** DNS knows no Vipps server: the guard cannot tell Vipps from a stranger and answers 503 + Retry-After. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod", "vipps.callback.retry-after=7s"})
class DnsDownTests {

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension();

  @LocalServerPort
  int port;

  @Test
  void callbackGetsServiceUnavailableWithRetryAfter() throws IOException {
    LoopbackHttpResponse response = postCallback(PROD_IPV4, port, "order-5");

    assertProblem(response, 503);
    assertThat(response.header("Retry-After")).isEqualTo("7");
  }
}
