package io.github.vippscallback.bootlines;

import static io.github.vippscallback.bootlines.Requests.PROD_IPV4;
import static io.github.vippscallback.bootlines.Requests.STRANGER;
import static io.github.vippscallback.bootlines.Requests.postCallback;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code vipps.callback.mode=report-only}, as while a merchant tries the guard out: every request goes on
 * to the handler, and one that enforcing would refuse is logged at WARN, saying so.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportOnlyTests {

  private LoopbackDnsServer dns;
  private ConfigurableApplicationContext context;
  private int port;

  @BeforeAll
  void start() throws Exception {
    dns = LoopbackDnsServer.start().answer("callback-1.vipps.no", 300, PROD_IPV4);
    context = InProcess.start(dns, new Class<?>[] {ConsumerApplication.class}, "--vipps.callback.mode=report-only");
    port = InProcess.port(context);
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void strangerReachesTheHandlerAndIsLoggedAsWouldHaveBeenDenied(CapturedOutput output) throws IOException {
    assertThat(postCallback(STRANGER, port, "order-20").body()).isEqualTo("reached order-20");

    assertThat(output.getAll().lines().filter(line -> line.contains("order-20")))
        .singleElement().satisfies(line -> assertThat(line)
            .contains("WARN", "would have been denied (403) but was let through (report-only)", "127.0.0.9"));
  }

  @Test
  void vippsReachesTheHandler() throws IOException {
    assertThat(postCallback(PROD_IPV4, port, "order-21").body()).isEqualTo("reached order-21");
  }
}
