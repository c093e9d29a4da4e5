package io.github.vippscallback.spring.autoconfigure;

import static io.github.vippscallback.spring.testapp.CallbackDns.MT_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.PROD_SERVER;
import static io.github.vippscallback.spring.testapp.CallbackDns.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.VippsCallbackConfigurer;
import io.github.vippscallback.spring.testapp.CallbackDns;
import io.github.vippscallback.spring.testapp.ConfigurerChainApplication;
import io.github.vippscallback.spring.testapp.Reached;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application whose own chain guards {@code /partner/**} with {@link VippsCallbackConfigurer}, over real
 * HTTP from loopback source addresses, with the dispatcher servlet under {@code /api}.
 */
@SpringBootTest(classes = ConfigurerChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "vipps.callback.environment=test",
        "spring.mvc.servlet.path=/api",
        "spring.security.user.name=merchant",
        "spring.security.user.password=secret"})
class VippsCallbackConfigurerApplicationTests extends LoopbackApplicationFixture {


  @Test
  void requestServerReachesConfiguredPathWithoutCsrfToken() throws IOException {
    LoopbackHttpResponse response = postJson(MT_SERVER, "/api/partner/ping");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Reached.body("partner-ping"));
  }

  @Test
  void strangerGetsForbiddenProblemOnConfiguredPath() throws IOException {
    assertForbiddenProblem(postJson(STRANGER, "/api/partner/ping"));
    assertForbiddenProblem(postJson(PROD_SERVER, "/api/partner/ping"));
  }

  @Test
  void credentialsDoNotOpenConfiguredPathToStranger() throws IOException {
    LoopbackHttpResponse response = postJsonWithCredentials(STRANGER, "/api/partner/ping");

    assertForbiddenProblem(response);
  }

  @Test
  void restOfChainKeepsItsOwnRulesAndCsrfProtection() throws IOException {
    assertThat(LoopbackHttpClient.from(STRANGER).get(port, "/api/public/hello").body())
        .isEqualTo(Reached.body("public-hello"));
    LoopbackHttpResponse anonymous = LoopbackHttpClient.from(MT_SERVER).get(port, "/api/hello");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    // An authenticated POST without a CSRF token elsewhere is still refused by CSRF protection (the
    // endpoint takes GET only, so without CSRF it would be 405).
    LoopbackHttpResponse withoutToken = postJsonWithCredentials(STRANGER, "/api/hello");
    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(withoutToken.body()).doesNotContain("Vipps MobilePay request servers");
  }

  @Test
  void chainNamingNoRequestFailsToStart() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class,
            SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            VippsCallbackAutoConfiguration.class,
            VippsCallbackSecurityAutoConfiguration.class))
        .withUserConfiguration(NothingNamedChain.class)
        .withPropertyValues(
            "vipps.callback.environment=test",
            CallbackSettings.DNS_SERVERS + "=" + CallbackDns.SCRIPTED.address())
        .run(context -> assertThat(context).getFailure()
            .rootCause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("vippsCallback() names no request to guard"));
  }


  /** A chain that adds the configurer but names no request. */
  @Configuration(proxyBeanMethods = false)
  static class NothingNamedChain {

    @Bean
    SecurityFilterChain applicationChain(HttpSecurity http) {
      return http
          .with(VippsCallbackConfigurer.vippsCallback(), Customizer.withDefaults())
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .build();
    }
  }
}
