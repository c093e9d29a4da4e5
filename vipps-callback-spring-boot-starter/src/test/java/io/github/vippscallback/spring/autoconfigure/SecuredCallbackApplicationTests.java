package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.DR_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.MT_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * A production application with Spring Security and no chain of its own, on a real port; requests come
 * from real loopback source addresses, DNS is answered on loopback.
 */
@SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "vipps.callback.environment=prod")
class SecuredCallbackApplicationTests extends LoopbackApplicationFixture {

  @Autowired
  ApplicationContext context;

  @Test
  void postFromProductionRequestServerReachesClassAnnotatedHandler() throws IOException {
    LoopbackHttpResponse response = postJson(PROD_SERVER, "/vipps/class/payments");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
  }

  @Test
  void postFromDisasterRecoveryServerIsAllowedInProd() throws IOException {
    LoopbackHttpResponse response = postJson(DR_SERVER, "/vipps/class/payments");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
  }

  @Test
  void postFromMerchantTestServerIsDeniedInProd() throws IOException {
    assertForbiddenProblem(postJson(MT_SERVER, "/vipps/class/payments"));
  }

  @Test
  void postFromStrangerGetsForbiddenProblemThatRevealsNoAddress() throws IOException {
    LoopbackHttpResponse response = postJson(STRANGER, "/vipps/class/payments");

    assertForbiddenProblem(response);
    assertThat(response.body()).doesNotContain(PROD_SERVER, DR_SERVER, STRANGER, "vipps.no");
  }

  @Test
  void postFromIpv6LoopbackIsDenied() throws IOException {
    assertForbiddenProblem(postJson("::1", "/vipps/class/payments"));
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
    LoopbackHttpResponse response = LoopbackHttpClient.from(STRANGER).request("HEAD", port, "/vipps/class/status").send();

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void methodAnnotatedHandlerIsGuarded() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/vipps/orders/42"));
    assertThat(postJson(PROD_SERVER, "/vipps/orders/42").body()).isEqualTo(Reached.body("order-callback 42"));
  }

  @Test
  void unannotatedGetOnSamePathAsGuardedPostIsLeftToBootsDefaultSecurity() throws IOException {
    // Not the starter's: Boot's default chain asks for credentials, from a Vipps server as from anyone.
    assertThat(LoopbackHttpClient.from(PROD_SERVER).get(port, "/vipps/orders/42").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/vipps/orders/42").status()).isEqualTo(401);
  }

  @Test
  void metaAnnotatedHandlerIsGuarded() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/webhooks/payment"));
    assertThat(postJson(PROD_SERVER, "/webhooks/payment").body()).isEqualTo(Reached.body("webhook"));
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
    // POST is not mapped on /vipps/multi/a: the starter's chain does not take it, Boot's default does.
    assertThat(send(PROD_SERVER, "POST", "/vipps/multi/a").status()).isEqualTo(401);
  }

  @Test
  void bootsDefaultSecurityStillProtectsOtherEndpoints() throws IOException {
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/hello").status()).isEqualTo(401);
    assertThat(LoopbackHttpClient.from(PROD_SERVER).get(port, "/hello").status()).isEqualTo(401);
  }

  @Test
  void startersChainComesFirstAndBootsDefaultChainStillTakesEveryOtherRequest() {
    // Boot names its default chain defaultSecurityFilterChain, or managementSecurityFilterChain when the
    // actuator is on the class path (as here); what counts is that it is still there, after ours.
    SecurityFilterChain starters =
        context.getBean(VippsCallbackSecurityAutoConfiguration.FILTER_CHAIN_BEAN, SecurityFilterChain.class);
    List<SecurityFilterChain> chains = context.getBean(FilterChainProxy.class).getFilterChains();

    assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
    assertThat(chains).hasSize(2).first().isSameAs(starters);
    assertThat(chains.get(1)).isInstanceOfSatisfying(DefaultSecurityFilterChain.class,
        bootsDefault -> assertThat(bootsDefault.getRequestMatcher()).isSameAs(AnyRequestMatcher.INSTANCE));
  }

  @Test
  void allowedCallbackNeedsNoCsrfTokenAndGetsNoSession() throws IOException {
    LoopbackHttpResponse response = postJson(PROD_SERVER, "/vipps/class/payments");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers("Set-Cookie")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("io.github.vippscallback.testfixtures.PathVariants#strangerVariants")
  void pathVariantFromStrangerNeverReachesHandler(String target) throws IOException {
    LoopbackHttpResponse response = postJson(STRANGER, target);

    assertThat(response.status()).as(target).isNotEqualTo(200);
    assertThat(response.body()).as(target).doesNotContain("reached");
  }

  @Override
  LoopbackHttpResponse postJson(String from, String target) throws IOException {
    return send(from, "POST", target);
  }

  LoopbackHttpResponse send(String from, String method, String target) throws IOException {
    return LoopbackHttpClient.from(from).request(method, port, target).body("{}", "application/json").send();
  }
}
