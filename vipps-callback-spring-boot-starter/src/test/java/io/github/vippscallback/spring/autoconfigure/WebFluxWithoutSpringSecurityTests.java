package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.reactive.VippsCallbackWebFilter;
import io.github.vippscallback.test.LoopbackHttpClient;
import java.io.IOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The smallest WebFlux application: Reactor Netty, no Spring Security, no actuator, no Micrometer, no
 * servlet stack on the class path (the build runs this class in its own surefire execution with those
 * artifacts excluded). Every test of {@link WithoutSpringSecurityTests} and {@link
 * WithoutSpringSecurityWebhookTests}: the starter's {@code WebFilter} guards the callbacks and checks webhook
 * signatures, and nothing else changes.
 */
class WebFluxWithoutSpringSecurityTests {

  static void assertNoSecurityAndNoServletStack(ApplicationContext context) {
    assertThat(ClassUtils.isPresent("org.springframework.security.web.server.SecurityWebFilterChain", null))
        .isFalse();
    assertThat(ClassUtils.isPresent("jakarta.servlet.Filter", null)).isFalse();
    assertThat(ClassUtils.isPresent("io.github.vippscallback.servlet.VippsRequestGuard", null))
        .as("vipps-callback-servlet is not needed on the reactive stack").isFalse();
    assertThat(context.getBean(VippsCallbackReactiveAutoConfiguration.WEB_FILTER_BEAN))
        .isInstanceOf(VippsCallbackWebFilter.class);
  }

  @Nested
  class Callbacks extends WithoutSpringSecurityTests {

    @Override
    @Test
    void springSecurityIsReallyAbsent() {
      assertNoSecurityAndNoServletStack(context);
    }

    @Test
    void strangerGetsTheServletStacksProblemByteForByte() throws IOException {
      assertThat(LoopbackHttpClient.from(STRANGER).request("POST", port, "/vipps/class/payments")
          .body("{}", "application/json").send().body())
          .isEqualTo(WebFluxSecuredCallbackApplicationTests.FORBIDDEN_BODY);
    }

    @ParameterizedTest
    @MethodSource("io.github.vippscallback.testfixtures.PathVariants#strangerVariants")
    void pathVariantOfTheSecuredTableNeverReachesHandler(String target) throws IOException {
      String body = LoopbackHttpClient.from(STRANGER).request("POST", port, target)
          .body("{}", "application/json").send().body();

      assertThat(body).as(target).doesNotContain("reached");
    }
  }

  @Nested
  class Webhooks extends WithoutSpringSecurityWebhookTests {

    @Override
    @Test
    void springSecurityIsReallyAbsent() {
      assertNoSecurityAndNoServletStack(context);
    }
  }

  /** {@link WithoutSpringSecurityConditionsTests}: the {@code WebFilter} guards exactly the annotated mappings. */
  @Nested
  class Conditions extends WithoutSpringSecurityConditionsTests {}
}
