package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.ErrorDispatchApplication;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A guarded handler that throws, in an application with Spring Security and Boot's default chain: Vipps gets
 * the application's own 500, not the default chain's login challenge for {@code /error}, and no session.
 */
@SpringBootTest(classes = ErrorDispatchApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"vipps.callback.environment=prod", LoopbackApplicationFixture.ACCEPT_LOOPBACK_ANSWERS})
class ErrorDispatchApplicationTests extends LoopbackApplicationFixture {

  @Test
  void failingGuardedHandlerAnswersRequestServerWithApplicationsErrorStatusWithoutChallengeOrSession()
      throws IOException {
    LoopbackHttpResponse response = postJson(PROD_SERVER, "/vipps/fails");

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.header("WWW-Authenticate")).isNull();
    assertThat(response.header("Set-Cookie")).isNull();
    assertThat(response.body()).contains("\"status\":500");
  }

  @Test
  void failingGuardedHandlerIsStillRefusedToStranger() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/vipps/fails"));
  }

  @Test
  void errorPageAskedForDirectlyStaysWithDefaultChain() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(PROD_SERVER).get(port, "/error");

    assertThat(response.status()).isEqualTo(401);
  }

}
