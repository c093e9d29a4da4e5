package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.ClassAnnotatedController;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code spring.main.lazy-initialization=true} (every bean created on first use) in a production
 * application with Spring Security on a real port: the annotated endpoints are guarded from the first
 * request, the request servers get through, and Boot's default security keeps every other endpoint.
 */
@SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "spring.main.lazy-initialization=true"})
class LazyInitializationApplicationTests extends LoopbackApplicationFixture {

  @Autowired
  ConfigurableApplicationContext context;

  @Test
  void beansAreReallyLazy() {
    String controller = context.getBeanNamesForType(ClassAnnotatedController.class)[0];

    assertThat(context.getBeanFactory().getBeanDefinition(controller).isLazyInit()).isTrue();
  }

  @Test
  void requestServerReachesEveryKindOfAnnotatedEndpoint() throws IOException {
    assertThat(postJson(PROD_SERVER, "/vipps/class/payments").body()).isEqualTo(Reached.body("class-payments"));
    assertThat(postJson(PROD_SERVER, "/vipps/orders/3").body()).isEqualTo(Reached.body("order-callback 3"));
    assertThat(postJson(PROD_SERVER, "/webhooks/payment").body()).isEqualTo(Reached.body("webhook"));
  }

  @Test
  void strangerGetsForbiddenProblemFromEveryKindOfAnnotatedEndpoint() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/vipps/class/payments"));
    assertForbiddenProblem(postJson(STRANGER, "/vipps/orders/3"));
    assertForbiddenProblem(postJson(STRANGER, "/webhooks/payment"));
  }

  @Test
  void bootsDefaultSecurityStillProtectsOtherEndpoints() throws IOException {
    assertThat(LoopbackHttpClient.from(PROD_SERVER).get(port, "/hello").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/vipps/orders/3").status()).isEqualTo(401);
  }

}
