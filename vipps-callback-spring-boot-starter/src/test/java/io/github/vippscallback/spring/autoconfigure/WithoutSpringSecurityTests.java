package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.testfixtures.PathVariants;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * An application without Spring Security, the actuator or Micrometer on the class path (the build runs this
 * class in its own surefire execution with those artifacts excluded): the starter's servlet filter guards
 * the callbacks, and nothing else changes: no login appears anywhere.
 */
@SpringBootTest(classes = CallbackApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "vipps.callback.environment=production")
class WithoutSpringSecurityTests extends LoopbackApplicationFixture {

  @Autowired
  ApplicationContext context;

  @Test
  void springSecurityIsReallyAbsent() {
    assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null)).isFalse();
    assertThat(context.containsBean("springSecurityFilterChain")).isFalse();
    assertThat(context.containsBean(VippsCallbackAutoConfiguration.FILTER_REGISTRATION_BEAN)).isTrue();
  }

  @Test
  void actuatorAndMicrometerAreReallyAbsent() {
    assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint", null)).isFalse();
    assertThat(ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator", null)).isFalse();
    assertThat(ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", null)).isFalse();
  }

  @Test
  void requestServerReachesCallback() throws IOException {
    LoopbackHttpResponse response = postJson(PROD_SERVER, "/vipps/class/payments");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Reached.body("class-payments"));
  }

  @Test
  void strangerGetsForbiddenProblem() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/vipps/class/payments"));
    assertForbiddenProblem(postJson(STRANGER, "/vipps/orders/1"));
    assertForbiddenProblem(postJson(STRANGER, "/webhooks/payment"));
  }

  @Test
  void otherEndpointsStayOpenWithoutLogin() throws IOException {
    LoopbackHttpResponse hello = LoopbackHttpClient.from(STRANGER).get(port, "/hello");
    LoopbackHttpResponse order = LoopbackHttpClient.from(STRANGER).get(port, "/vipps/orders/5");

    assertThat(hello.status()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo(Reached.body("hello"));
    assertThat(order.body()).isEqualTo(Reached.body("order 5"));
  }

  /**
   * A gateway or proxy that routes {@code /shop/**} by the raw path forwards these unchanged; a backend that
   * resolves them reaches the callback. The guard must take them (403), not leave them to a 404.
   */
  @ParameterizedTest
  @MethodSource("gatewayVariants")
  void gatewayVariantFromStrangerIsRefusedByTheGuard(String target) throws IOException {
    assertForbiddenProblem(postJson(STRANGER, target));
  }

  static List<String> gatewayVariants() {
    return PathVariants.gatewayVariantsPassedByContainers("/vipps/class/payments");
  }

  @ParameterizedTest
  @MethodSource("io.github.vippscallback.testfixtures.PathVariants#strangerVariants")
  void pathVariantFromStrangerNeverReachesHandler(String target) throws IOException {
    LoopbackHttpResponse response = postJson(STRANGER, target);

    assertThat(response.status()).as(target).isNotEqualTo(200);
    assertThat(response.body()).as(target).doesNotContain("reached");
  }

}
