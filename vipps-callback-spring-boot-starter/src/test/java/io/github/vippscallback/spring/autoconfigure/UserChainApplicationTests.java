package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.DR_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.MT_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.spring.testapp.UserChainApplication;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A merchant-test application ({@code mt}, the alias of {@code test}) with its own security chain, the
 * composed {@code vippsRequestServers}, and the dispatcher servlet under {@code /api}.
 */
@SpringBootTest(classes = UserChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "vipps.callback.environment=mt",
        "vipps.callback.trusted-proxies=" + UserChainApplicationTests.PROXY,
        "spring.mvc.servlet.path=/api",
        "spring.security.user.name=merchant",
        "spring.security.user.password=secret"})
class UserChainApplicationTests extends LoopbackApplicationFixture {

  static final String PROXY = "127.0.0.5";


  @Autowired
  ApplicationContext context;

  @Test
  void merchantTestServerIsAllowedInTest() throws IOException {
    LoopbackHttpResponse response = postJson(MT_SERVER, "/api/vipps/class/payments");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
  }

  @Test
  void productionServersAreDeniedInTest() throws IOException {
    assertForbiddenProblem(postJson(PROD_SERVER, "/api/vipps/class/payments"));
    assertForbiddenProblem(postJson(DR_SERVER, "/api/vipps/class/payments"));
  }

  @Test
  void guardedPathsCarryTheServletPathPrefix() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/api/vipps/orders/7"));
    assertThat(postJson(MT_SERVER, "/api/vipps/orders/7").body()).isEqualTo(Reached.body("order-callback 7"));
    assertThat(context.getBean(VippsCallbackEndpoints.class).endpoints())
        .extracting(CallbackEndpoint::pattern)
        .contains("/api/vipps/class/payments", "/api/vipps/orders/{orderId}", "/api/webhooks/payment")
        .noneMatch(pattern -> pattern.startsWith("/vipps"));
  }

  @Test
  void applicationChainStaysInChargeOfItsOwnEndpoints() throws IOException {
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/public/hello").body())
        .isEqualTo(Reached.body("public-hello"));
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/hello").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(MT_SERVER).get(port, "/api/hello").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/hello", CREDENTIALS).body())
        .isEqualTo(Reached.body("hello"));
    assertThat(context.getBeansOfType(SecurityFilterChain.class))
        .containsOnlyKeys("applicationChain", VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN);
  }

  @Test
  void unannotatedGetOfGuardedPathIsLeftToApplicationChain() throws IOException {
    assertThat(LoopbackHttpClient.from(MT_SERVER).get(port, "/api/vipps/orders/7").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/vipps/orders/7", CREDENTIALS).body())
        .isEqualTo(Reached.body("order 7"));
  }

  @Test
  void credentialsDoNotOpenGuardedEndpointToStranger() throws IOException {
    LoopbackHttpResponse response = postJsonWithCredentials(STRANGER, "/api/vipps/class/payments");

    assertForbiddenProblem(response);
  }

  @Test
  void composedAuthorizationManagerAllowsOnlyRequestServersInApplicationChain() throws IOException {
    assertThat(postJson(MT_SERVER, "/api/partner/ping").body()).isEqualTo(Reached.body("partner-ping"));
    assertForbiddenProblem(postJson(STRANGER, "/api/partner/ping"));
    assertForbiddenProblem(postJson(PROD_SERVER, "/api/partner/ping"));
  }

  @Test
  void requestServerBehindTrustedProxyIsAllowed() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(PROXY)
        .request("POST", port, "/api/vipps/class/payments")
        .header("X-Forwarded-For", MT_SERVER)
        .body("{}", "application/json")
        .send();

    assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
  }

  @Test
  void strangerBehindTrustedProxyIsDeniedEvenWithSpoofedLeftmostHop() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(PROXY)
        .request("POST", port, "/api/vipps/class/payments")
        .header("X-Forwarded-For", MT_SERVER + ", " + STRANGER)
        .body("{}", "application/json")
        .send();

    assertForbiddenProblem(response);
  }

  @Test
  void forwardedHeaderFromUntrustedPeerIsIgnored() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(STRANGER)
        .request("POST", port, "/api/vipps/class/payments")
        .header("X-Forwarded-For", MT_SERVER)
        .body("{}", "application/json")
        .send();

    assertForbiddenProblem(response);
  }

}
