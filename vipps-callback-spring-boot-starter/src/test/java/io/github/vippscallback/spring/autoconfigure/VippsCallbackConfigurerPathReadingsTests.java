package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.MT_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.VippsCallbackConfigurer;
import io.github.vippscallback.spring.testapp.ConfigurerChainApplication;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.testfixtures.PathVariants;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.DefaultHttpFirewall;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * {@link VippsCallbackConfigurer}'s patterns are matched by every reading of a path, not only Spring's: an
 * application that relaxed Spring Security's firewall (as some behind a gateway do) still has the guard take
 * {@code /api/public/../partner/ping}, which its own {@code permitAll} for {@code /public/**} would let
 * through to whatever resolves the dots.
 */
@SpringBootTest(classes = {ConfigurerChainApplication.class,
    VippsCallbackConfigurerPathReadingsTests.RelaxedFirewall.class},
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "vipps.callback.environment=test",
        "spring.mvc.servlet.path=/api",
        "spring.security.user.name=merchant",
        "spring.security.user.password=secret"})
class VippsCallbackConfigurerPathReadingsTests extends LoopbackApplicationFixture {

  @ParameterizedTest(name = "{0}")
  @MethodSource("climbs")
  void climbOutOfAnOpenPathIntoAConfiguredOneIsTakenByTheGuard(String target) throws IOException {
    assertForbiddenProblem(postJson(STRANGER, target));
  }

  static List<String> climbs() {
    return PathVariants.gatewayVariantsPassedByContainers("/partner/ping").stream()
        .map(target -> "/api" + target.replace("/shop", "/public"))
        .toList();
  }

  @Test
  void requestServerStillReachesTheConfiguredPath() throws IOException {
    assertThat(postJson(MT_SERVER, "/api/partner/ping").body()).isEqualTo(Reached.body("partner-ping"));
  }

  @Test
  void openPathStaysOpen() throws IOException {
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/public/hello").body())
        .isEqualTo(Reached.body("public-hello"));
  }

  /** Lets through what Spring Security's default firewall refuses (encoded dots, semicolons, ...). */
  @TestConfiguration(proxyBeanMethods = false)
  static class RelaxedFirewall {
    @Bean
    HttpFirewall relaxedFirewall() {
      DefaultHttpFirewall firewall = new DefaultHttpFirewall();
      firewall.setAllowUrlEncodedSlash(true);
      return firewall;
    }
  }
}
