package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.testapp.ClassAnnotatedController;
import io.github.vippscallback.spring.testapp.MixedController;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which handler mappings count as callbacks (on servlets; the WebFlux tests discover through the same class). */
class CallbackEndpointDiscoveryTests {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
      .withUserConfiguration(ClassAnnotatedController.class, MixedController.class, InterfaceController.class);

  @Test
  void findsClassMethodAndMetaAnnotatedMappingsWithTheirMethods() {
    runner.run(context -> {
      List<CallbackEndpoint> found =
          new CallbackEndpointDiscovery(new ServletHandlerMappings(context), () -> "", List.of("/extra/**")).get();

      assertThat(found).containsExactlyInAnyOrder(
          new CallbackEndpoint("/vipps/class/payments", Set.of("POST")),
          new CallbackEndpoint("/vipps/class/status", Set.of("GET")),
          new CallbackEndpoint("/vipps/orders/{orderId}", Set.of("POST")),
          new CallbackEndpoint("/vipps/multi/a", Set.of("PUT", "PATCH")),
          new CallbackEndpoint("/vipps/multi/b", Set.of("PUT", "PATCH")),
          new CallbackEndpoint("/webhooks/payment", Set.of("POST")),
          new CallbackEndpoint("/from-interface", Set.of("POST")),
          new CallbackEndpoint("/extra/**", Set.of()));
    });
  }

  @Test
  void prefixesEveryPatternWithServletPath() {
    runner.run(context -> assertThat(
            new CallbackEndpointDiscovery(new ServletHandlerMappings(context), () -> "/api", List.of("/extra")).get())
        .extracting(CallbackEndpoint::pattern)
        .allMatch(pattern -> pattern.startsWith("/api/"))
        .contains("/api/extra", "/api/vipps/class/payments"));
  }

  @Test
  void servletPathPrefixOfEveryForm() {
    assertThat(ServletPathPrefix.prefix("/")).isEmpty();
    assertThat(ServletPathPrefix.prefix("")).isEmpty();
    assertThat(ServletPathPrefix.prefix("/api")).isEqualTo("/api");
    assertThat(ServletPathPrefix.prefix("/api/")).isEqualTo("/api");
    assertThat(ServletPathPrefix.prefix("/api/*")).isEqualTo("/api");
    assertThat(ServletPathPrefix.prefix("api")).isEqualTo("/api");
  }

  /** An annotation on an interface method counts. */
  interface Callbacks {
    @VippsCallback
    @PostMapping("/from-interface")
    String fromInterface();
  }

  @RestController
  static class InterfaceController implements Callbacks {
    @Override
    public String fromInterface() {
      return "ok";
    }
  }
}
