package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.MT_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.spring.testapp.ReactiveUserChainApplication;
import io.github.vippscallback.test.LoopbackHttpClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Every test of {@link UserChainApplicationTests} on WebFlux: a merchant-test application ({@code mt}) with
 * its own {@code SecurityWebFilterChain} ({@link ReactiveUserChainApplication}), the composed reactive
 * {@code vippsRequestServers}, a trusted proxy, and everything under {@code /api}
 * ({@code spring.webflux.base-path} here, where the servlet test sets {@code spring.mvc.servlet.path}).
 */
@SpringBootTest(classes = ReactiveUserChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "vipps.callback.environment=mt",
        LoopbackApplicationFixture.ACCEPT_LOOPBACK_ANSWERS,
        "vipps.callback.trusted-proxies=" + UserChainApplicationTests.PROXY,
        "spring.webflux.base-path=/api",
        "spring.security.user.name=merchant",
        "spring.security.user.password=secret"})
class WebFluxUserChainTests extends UserChainApplicationTests {

  /** WebFlux matches handler mappings within the application, so the patterns carry no base path. */
  @Override
  @Test
  void guardedPathsCarryTheServletPathPrefix() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/api/vipps/orders/7"));
    assertThat(postJson(MT_SERVER, "/api/vipps/orders/7").body()).isEqualTo(Reached.body("order-callback 7"));
    assertThat(context.getBean(ReactiveCallbackEndpoints.class).endpoints())
        .extracting(CallbackEndpoint::pattern)
        .contains("/vipps/class/payments", "/vipps/orders/{orderId}", "/webhooks/payment");
  }

  @Override
  @Test
  void applicationChainStaysInChargeOfItsOwnEndpoints() throws IOException {
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/public/hello").body())
        .isEqualTo(Reached.body("public-hello"));
    assertThat(LoopbackHttpClient.from(MT_SERVER).get(port, "/api/hello").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/hello", CREDENTIALS).body())
        .isEqualTo(Reached.body("hello"));
    assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys(
        "applicationChain", VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_BEAN);
  }
}
