package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.PlainConditionsApplication;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Without Spring Security (its own surefire execution), the starter's servlet filter guards exactly the
 * annotated handler mappings, conditions included, and a failing guarded handler answers the application's
 * own 500.
 */
@SpringBootTest(classes = PlainConditionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"vipps.callback.environment=prod", LoopbackApplicationFixture.ACCEPT_LOOPBACK_ANSWERS})
class WithoutSpringSecurityConditionsTests extends LoopbackApplicationFixture {

  @Test
  void paramsAndHeadersConditionsDecideWhatTheFilterGuards() throws IOException {
    assertForbiddenProblem(post(STRANGER, "/p/hook?vipps", "application/json"));
    assertThat(post(STRANGER, "/p/hook", "application/json").body()).isEqualTo(Reached.body("params-open"));
    assertForbiddenProblem(LoopbackHttpClient.from(STRANGER).request("POST", port, "/h/hook")
        .header("X-Vipps", "1").body("{}", "application/json").send());
    assertThat(post(STRANGER, "/h/hook", "application/json").body()).isEqualTo(Reached.body("headers-open"));
  }

  @Test
  void consumesAndProducesConditionsDecideWhatTheFilterGuards() throws IOException {
    assertForbiddenProblem(post(STRANGER, "/c/hook", "application/json"));
    assertThat(post(STRANGER, "/c/hook", "text/plain").body()).isEqualTo(Reached.body("consumes-open"));
    assertForbiddenProblem(LoopbackHttpClient.from(STRANGER).get(port, "/r/hook", Map.of("Accept", "application/json")));
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/r/hook", Map.of("Accept", "text/plain")).body())
        .isEqualTo(Reached.body("produces-open"));
  }

  @Test
  void failingGuardedHandlerAnswersRequestServerWithApplicationsErrorStatus() throws IOException {
    LoopbackHttpResponse response = post(PROD_SERVER, "/vipps/fails", "application/json");

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.header("WWW-Authenticate")).isNull();
    assertThat(response.header("Set-Cookie")).isNull();
  }

  private LoopbackHttpResponse post(String from, String target, String contentType) throws IOException {
    return LoopbackHttpClient.from(from).request("POST", port, target).body("{}", contentType).send();
  }
}
