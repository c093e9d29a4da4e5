package io.github.vippscallback.spring;

import static io.github.vippscallback.spring.WebhookRequests.BODY;
import static io.github.vippscallback.spring.WebhookRequests.assertReached;
import static io.github.vippscallback.spring.WebhookRequests.assertUnauthorizedProblem;
import static io.github.vippscallback.spring.WebhookRequests.post;
import static io.github.vippscallback.spring.WebhookRequests.postSigned;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.servlet.CallbackOutcome;
import io.github.vippscallback.spring.reactive.VippsCallbackWebFilter;
import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.OutcomeCounter;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.spring.testapp.WebhookApplication;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The smallest WebFlux application: Reactor Netty, no Spring Security, no actuator, no Micrometer, no
 * servlet stack on the class path (the build runs this class in its own surefire execution with those
 * artifacts excluded). The starter's {@code WebFilter} guards the callbacks and checks webhook signatures,
 * and nothing else changes: no login appears anywhere.
 */
class WebFluxWithoutSpringSecurityTests {

  @Nested
  @SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
      properties = "vipps.callback.environment=production")
  class Callbacks extends LoopbackApplicationFixture {

    @Autowired
    ApplicationContext context;

    @Test
    void springSecurityAndTheServletStackAreReallyAbsent() {
      assertThat(ClassUtils.isPresent("org.springframework.security.web.server.SecurityWebFilterChain", null))
          .isFalse();
      assertThat(ClassUtils.isPresent("jakarta.servlet.Filter", null)).isFalse();
      assertThat(ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", null)).isFalse();
      assertThat(context.getBean(VippsCallbackReactiveAutoConfiguration.WEB_FILTER_BEAN))
          .isInstanceOf(VippsCallbackWebFilter.class);
    }

    @Test
    void requestServerReachesCallback() throws IOException {
      LoopbackHttpResponse response = send(PROD_SERVER, "/vipps/class/payments");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
    }

    @Test
    void strangerGetsForbiddenProblem() throws IOException {
      assertForbiddenProblem(send(STRANGER, "/vipps/class/payments"));
      assertForbiddenProblem(send(STRANGER, "/vipps/orders/1"));
      assertForbiddenProblem(send(STRANGER, "/webhooks/payment"));
      assertThat(send(STRANGER, "/vipps/class/payments").body())
          .isEqualTo(WebFluxSecuredCallbackApplicationTests.FORBIDDEN_BODY);
    }

    @Test
    void otherEndpointsStayOpenWithoutLogin() throws IOException {
      LoopbackHttpResponse hello = LoopbackHttpClient.from(STRANGER).get(port, "/hello");
      LoopbackHttpResponse order = LoopbackHttpClient.from(STRANGER).get(port, "/vipps/orders/5");

      assertThat(hello.status()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo(Reached.body("hello"));
      assertThat(order.body()).isEqualTo(Reached.body("order 5"));
    }

    @ParameterizedTest
    @MethodSource("io.github.vippscallback.spring.PathVariants#strangerVariants")
    void pathVariantFromStrangerNeverReachesHandler(String target) throws IOException {
      LoopbackHttpResponse response = send(STRANGER, target);

      assertThat(response.status()).as(target).isNotEqualTo(200);
      assertThat(response.body()).as(target).doesNotContain("reached");
    }

    private LoopbackHttpResponse send(String from, String target) throws IOException {
      return LoopbackHttpClient.from(from).request("POST", port, target).body("{}", "application/json").send();
    }
  }

  @Nested
  @SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
      "vipps.callback.environment=prod",
      "vipps.callback.webhook.secret=" + Webhooks.SECRET})
  class Webhooks extends LoopbackApplicationFixture {

    static final String SECRET = "whsec-webflux-no-security-8c0e";

    @Autowired
    OutcomeCounter counter;

    @BeforeEach
    void countFromZero() {
      counter.reset();
    }

    @Test
    void signedRequestFromRequestServerReachesControllerWithExactBody() throws Exception {
      assertReached(postSigned(PROD_SERVER, port, "/vipps/webhooks/payments", BODY, SECRET), "payments", BODY);
    }

    @Test
    void unsignedRequestGets401AndIsCounted() throws Exception {
      assertUnauthorizedProblem(post(PROD_SERVER, port, "/vipps/webhooks/refunds", BODY, Map.of()), SECRET);
      assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isEqualTo(1);
    }

    @Test
    void strangerGets403BeforeTheSignatureIsChecked() throws Exception {
      assertForbiddenProblem(postSigned(STRANGER, port, "/vipps/webhooks/payments", BODY, SECRET));
      assertThat(counter.count(CallbackOutcome.SIGNATURE_INVALID)).isZero();
    }
  }
}
