package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints;
import io.github.vippscallback.spring.reactive.VippsRequestServersReactiveAuthorizationManager;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.ClassUtils;

/**
 * Every test of {@link SecuredCallbackApplicationTests}, on WebFlux: the same application (its controllers
 * are plain {@code @RestController}s) on Reactor Netty with Spring Security, the servlet stack off the class
 * path (the build's {@code webflux} execution). Two tests differ where the stacks' own defaults do, and a
 * few more check what is WebFlux's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxSecuredCallbackApplicationTests extends SecuredCallbackApplicationTests {

  /** The servlet stack's 403 body for this path, byte for byte. */
  static final String FORBIDDEN_BODY = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
      + "\"detail\":\"This endpoint accepts requests only from the Vipps MobilePay request servers.\","
      + "\"instance\":\"/vipps/class/payments\"}";

  @Test
  void theApplicationIsReactiveOnReactorNettyWithoutTheServletStack() {
    assertThat(context).isNotInstanceOf(org.springframework.web.context.WebApplicationContext.class);
    assertThat(ClassUtils.isPresent("jakarta.servlet.Filter", null)).isFalse();
    assertThat(ClassUtils.isPresent("io.github.vippscallback.servlet.VippsRequestGuard", null))
        .as("vipps-callback-servlet is not needed on the reactive stack").isFalse();
    assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", null)).isFalse();
    assertThat(context.getBean(VippsCallbackSecurityAutoConfiguration.AUTHORIZATION_MANAGER_BEAN))
        .isInstanceOf(VippsRequestServersReactiveAuthorizationManager.class);
  }

  @Test
  void strangerGetsTheServletStacksForbiddenProblemByteForByte() throws IOException {
    LoopbackHttpResponse response = postJson(STRANGER, "/vipps/class/payments");

    assertForbiddenProblem(response);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(FORBIDDEN_BODY.length()));
    assertThat(response.body()).isEqualTo(FORBIDDEN_BODY);
    assertThat(response.headers("Set-Cookie")).isEmpty();
  }

  @Test
  void strangerIsLoggedAtWarnWithWhatAnOperatorNeeds(CapturedOutput output) {
    // The log takes at most 5 lines a second: the other tests' denials may have used this second's.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      postJson(STRANGER, "/vipps/class/payments");
      assertThat(output)
          .contains("Vipps callback denied (403): client=\"" + STRANGER + "\" peer=\"" + STRANGER + "\"")
          .contains("path=\"/vipps/class/payments\"");
    });
  }

  @Test
  void theGuardedEndpointsAreExactlyTheAnnotatedHandlerMappings() {
    assertThat(context.getBean(ReactiveCallbackEndpoints.class).endpoints())
        .extracting(CallbackEndpoint::toString)
        .contains("POST /vipps/class/payments", "GET /vipps/class/status", "POST /vipps/orders/{orderId}",
            "PATCH,PUT /vipps/multi/a", "POST /webhooks/payment")
        .doesNotContain("GET /vipps/orders/{orderId}", "GET /hello");
  }

  /** WebFlux's default chain checks the CSRF token first: 403 without the starter's problem body. */
  @Override
  @Test
  void otherMethodsOfGuardedPathAreNotTheStartersToAllow() throws IOException {
    LoopbackHttpResponse response = send(PROD_SERVER, "POST", "/vipps/multi/a");

    assertThat(response.status()).isIn(401, 403);
    assertThat(String.valueOf(response.header("Content-Type"))).doesNotStartWith("application/problem+json");
    assertThat(response.body()).doesNotContain("reached");
  }

  /** Boot's reactive management chain (the actuator is there): one chain after the starter's. */
  @Override
  @Test
  void startersChainComesFirstAndBootsDefaultChainStillTakesEveryOtherRequest() {
    List<SecurityWebFilterChain> chains = ((ConfigurableApplicationContext) context).getBeanFactory()
        .getBeanProvider(SecurityWebFilterChain.class).orderedStream().toList();

    assertThat(chains).hasSize(2);
    assertThat(chains.get(0)).isSameAs(
        context.getBean(VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_BEAN));
  }
}
