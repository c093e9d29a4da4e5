package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.ConditionsApplication;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * A guarded mapping is exactly its handler mapping: a request that meets the annotated handler's
 * {@code params}, {@code headers}, {@code consumes} or {@code produces} is guarded; one that goes to the
 * unannotated handler on the same path and method is not (the application's own chain opens it to everyone).
 */
@SpringBootTest(classes = ConditionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"vipps.callback.environment=prod", LoopbackApplicationFixture.ACCEPT_LOOPBACK_ANSWERS})
class RequestConditionsApplicationTests extends LoopbackApplicationFixture {

  @Autowired
  ApplicationContext context;

  /** The endpoints the starter guards, as its matcher holds them. */
  List<CallbackEndpoint> guardedEndpoints() {
    return context.getBean(VippsCallbackEndpoints.class).endpoints();
  }

  @Test
  void paramsConditionDecidesWhatIsGuarded() throws IOException {
    assertForbiddenProblem(post(STRANGER, "/p/hook?vipps", "application/json"));
    assertThat(post(STRANGER, "/p/hook", "application/json").body()).isEqualTo(Reached.body("params-open"));
    assertThat(post(PROD_SERVER, "/p/hook?vipps", "application/json").body())
        .isEqualTo(Reached.body("params-guarded"));
  }

  @Test
  void headersConditionDecidesWhatIsGuarded() throws IOException {
    assertForbiddenProblem(LoopbackHttpClient.from(STRANGER).request("POST", port, "/h/hook")
        .header("X-Vipps", "1").body("{}", "application/json").send());
    assertThat(post(STRANGER, "/h/hook", "application/json").body()).isEqualTo(Reached.body("headers-open"));
    assertThat(LoopbackHttpClient.from(PROD_SERVER).request("POST", port, "/h/hook")
        .header("X-Vipps", "1").body("{}", "application/json").send().body())
        .isEqualTo(Reached.body("headers-guarded"));
  }

  @Test
  void consumesConditionDecidesWhatIsGuarded() throws IOException {
    assertForbiddenProblem(post(STRANGER, "/c/hook", "application/json"));
    assertThat(post(STRANGER, "/c/hook", "text/plain").body()).isEqualTo(Reached.body("consumes-open"));
    assertThat(post(PROD_SERVER, "/c/hook", "application/json").body()).isEqualTo(Reached.body("consumes-guarded"));
  }

  @Test
  void producesConditionDecidesWhatIsGuarded() throws IOException {
    assertForbiddenProblem(get(STRANGER, "/r/hook", "application/json"));
    assertThat(get(STRANGER, "/r/hook", "text/plain").body()).isEqualTo(Reached.body("produces-open"));
    assertThat(get(PROD_SERVER, "/r/hook", "application/json").body()).isEqualTo(Reached.body("produces-guarded"));
  }

  @Test
  void guardedEndpointsNameTheirConditions() {
    assertThat(guardedEndpoints()).extracting(CallbackEndpoint::toString).containsExactlyInAnyOrder(
        "POST /p/hook [params=[vipps]]",
        "POST /h/hook [headers=[X-Vipps=1]]",
        "POST /c/hook [consumes=[application/json]]",
        "GET /r/hook [produces=[application/json]]");
  }

  private LoopbackHttpResponse post(String from, String target, String contentType) throws IOException {
    return LoopbackHttpClient.from(from).request("POST", port, target).body("{}", contentType).send();
  }

  private LoopbackHttpResponse get(String from, String target, String accept) throws IOException {
    return LoopbackHttpClient.from(from).get(port, target, Map.of("Accept", accept));
  }
}
