package io.github.vippscallback.spring;

import static io.github.vippscallback.spring.testapp.CallbackDns.DR_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.MT_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.reactive.ReactiveCallbackEndpoints;
import io.github.vippscallback.spring.reactive.VippsRequestServersReactiveAuthorizationManager;
import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.ClassUtils;

/**
 * A production WebFlux application on Reactor Netty with Spring Security and no chain of its own, on a
 * real port: requests come from real loopback source addresses, DNS is answered on loopback. The same
 * answers as the servlet stack ({@link SecuredCallbackApplicationTests}).
 */
@SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "vipps.callback.environment=prod")
@ExtendWith(OutputCaptureExtension.class)
class WebFluxSecuredCallbackApplicationTests extends LoopbackApplicationFixture {

  /** The servlet stack's 403 body for this path, byte for byte. */
  static final String FORBIDDEN_BODY = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
      + "\"detail\":\"This endpoint accepts requests only from the Vipps MobilePay request servers.\","
      + "\"instance\":\"/vipps/class/payments\"}";

  @Autowired
  ApplicationContext context;

  @Test
  void theApplicationIsReactiveOnReactorNettyWithoutTheServletStack() {
    assertThat(context).isNotInstanceOf(org.springframework.web.context.WebApplicationContext.class);
    assertThat(ClassUtils.isPresent("jakarta.servlet.Filter", null)).isFalse();
    assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", null)).isFalse();
    assertThat(context.getBean(ReactiveCallbackEndpoints.class).endpoints()).isNotEmpty();
    assertThat(context.getBean(VippsCallbackSecurityAutoConfiguration.AUTHORIZATION_MANAGER_BEAN))
        .isInstanceOf(VippsRequestServersReactiveAuthorizationManager.class);
  }

  @Test
  void postFromProductionRequestServerReachesClassAnnotatedHandler() throws IOException {
    LoopbackHttpResponse response = post(PROD_SERVER, "/vipps/class/payments");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
  }

  @Test
  void postFromDisasterRecoveryServerIsAllowedInProd() throws IOException {
    assertThat(post(DR_SERVER, "/vipps/class/payments").body()).isEqualTo(Reached.body("class-payments"));
  }

  @Test
  void postFromMerchantTestServerIsDeniedInProd() throws IOException {
    assertForbiddenProblem(post(MT_SERVER, "/vipps/class/payments"));
  }

  @Test
  void strangerGetsTheServletStacksForbiddenProblemByteForByte() throws IOException {
    LoopbackHttpResponse response = post(STRANGER, "/vipps/class/payments");

    assertForbiddenProblem(response);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(FORBIDDEN_BODY.length()));
    assertThat(response.body()).isEqualTo(FORBIDDEN_BODY);
    assertThat(response.headers("Set-Cookie")).isEmpty();
  }

  @Test
  void strangerIsLoggedAtWarnWithWhatAnOperatorNeeds(CapturedOutput output) throws IOException {
    post(STRANGER, "/vipps/class/payments");

    assertThat(output).contains("Vipps callback denied (403): client=\"" + STRANGER + "\" peer=\"" + STRANGER + "\"")
        .contains("path=\"/vipps/class/payments\"");
  }

  @Test
  void postFromIpv6LoopbackIsDenied() throws IOException {
    assertForbiddenProblem(post("::1", "/vipps/class/payments"));
  }

  @Test
  void spoofedForwardedForFromStrangerIsIgnoredWithoutTrustedProxies() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(STRANGER)
        .request("POST", port, "/vipps/class/payments")
        .header("X-Forwarded-For", PROD_SERVER)
        .header("Forwarded", "for=" + PROD_SERVER)
        .body("{}", "application/json")
        .send();

    assertForbiddenProblem(response);
  }

  @Test
  void everyHandlerOfAnnotatedClassIsGuarded() throws IOException {
    assertForbiddenProblem(LoopbackHttpClient.from(STRANGER).get(port, "/vipps/class/status"));
    assertThat(LoopbackHttpClient.from(PROD_SERVER).get(port, "/vipps/class/status").body())
        .isEqualTo(Reached.body("class-status"));
  }

  @Test
  void headOfGuardedGetIsGuarded() throws IOException {
    assertThat(LoopbackHttpClient.from(STRANGER).request("HEAD", port, "/vipps/class/status").send().status())
        .isEqualTo(403);
  }

  @Test
  void methodAnnotatedHandlerIsGuarded() throws IOException {
    assertForbiddenProblem(post(STRANGER, "/vipps/orders/42"));
    assertThat(post(PROD_SERVER, "/vipps/orders/42").body()).isEqualTo(Reached.body("order-callback 42"));
  }

  @Test
  void unannotatedGetOnSamePathAsGuardedPostIsLeftToSpringSecuritysDefault() throws IOException {
    // Not the starter's: the default chain asks for credentials, from a Vipps server as from anyone.
    assertThat(LoopbackHttpClient.from(PROD_SERVER).get(port, "/vipps/orders/42").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/vipps/orders/42").status()).isEqualTo(401);
  }

  @Test
  void metaAnnotatedHandlerIsGuarded() throws IOException {
    assertForbiddenProblem(post(STRANGER, "/webhooks/payment"));
    assertThat(post(PROD_SERVER, "/webhooks/payment").body()).isEqualTo(Reached.body("webhook"));
  }

  @Test
  void mappingWithSeveralPathsAndMethodsIsGuardedForEachPathAndMethod() throws IOException {
    for (String method : List.of("PUT", "PATCH")) {
      for (String path : List.of("/vipps/multi/a", "/vipps/multi/b")) {
        assertForbiddenProblem(send(STRANGER, method, path));
        assertThat(send(PROD_SERVER, method, path).body()).isEqualTo(Reached.body("multi"));
      }
    }
  }

  @Test
  void otherMethodsOfGuardedPathAreNotTheStartersToAllow() throws IOException {
    // POST is not mapped on /vipps/multi/a: the starter's chain does not take it, the default chain refuses
    // it (WebFlux's default checks the CSRF token first: 403 without the starter's problem body).
    LoopbackHttpResponse response = send(PROD_SERVER, "POST", "/vipps/multi/a");

    assertThat(response.status()).isIn(401, 403);
    assertThat(String.valueOf(response.header("Content-Type"))).doesNotStartWith("application/problem+json");
    assertThat(response.body()).doesNotContain("reached");
  }

  @Test
  void springSecuritysDefaultStillProtectsOtherEndpoints() throws IOException {
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/hello").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(PROD_SERVER).get(port, "/hello").status()).isEqualTo(401);
  }

  @Test
  void startersChainComesFirstAndADefaultChainStillTakesEveryOtherExchange() {
    // Boot's management chain when the actuator is there (as here), else the starter's copy of Spring
    // Security's default: what counts is that one is there, after the starter's.
    List<SecurityWebFilterChain> chains = ((ConfigurableApplicationContext) context).getBeanFactory()
        .getBeanProvider(SecurityWebFilterChain.class).orderedStream().toList();

    assertThat(chains).hasSize(2);
    assertThat(chains.get(0)).isSameAs(
        context.getBean(VippsCallbackReactiveSecurityAutoConfiguration.WEB_FILTER_CHAIN_BEAN));
  }

  @Test
  void allowedCallbackNeedsNoCsrfTokenAndGetsNoSession() throws IOException {
    LoopbackHttpResponse response = post(PROD_SERVER, "/vipps/class/payments");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers("Set-Cookie")).isEmpty();
  }

  @Test
  void startUpReportNamesTheEndpointsAndTheChain(CapturedOutput output) {
    // Logged once at start-up, before this test's output capture began in some orders: ask the bean itself.
    assertThat(context.getBean(ReactiveCallbackEndpoints.class).endpoints())
        .extracting(CallbackEndpoint::toString)
        .contains("POST /vipps/class/payments", "GET /vipps/class/status", "POST /vipps/orders/{orderId}",
            "PATCH,PUT /vipps/multi/a", "POST /webhooks/payment")
        .doesNotContain("GET /vipps/orders/{orderId}", "GET /hello");
  }

  @ParameterizedTest
  @MethodSource("io.github.vippscallback.spring.PathVariants#strangerVariants")
  void pathVariantFromStrangerNeverReachesHandler(String target) throws IOException {
    LoopbackHttpResponse response = post(STRANGER, target);

    assertThat(response.status()).as(target).isNotEqualTo(200);
    assertThat(response.body()).as(target).doesNotContain("reached");
  }

  private LoopbackHttpResponse post(String from, String target) throws IOException {
    return send(from, "POST", target);
  }

  private LoopbackHttpResponse send(String from, String method, String target) throws IOException {
    return LoopbackHttpClient.from(from).request(method, port, target).body("{}", "application/json").send();
  }
}
