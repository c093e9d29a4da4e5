package io.github.vippscallback.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import io.github.vippscallback.testfixtures.PathVariants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway application, routing {@code /vipps/**} and {@code /shop/**} to a {@link RecordingBackend} on
 * loopback, with {@code vipps.callback.paths=/vipps/**} and DNS on loopback (callback-1 is 127.0.0.2 and
 * ::1, callback-dr-1 is 127.0.0.3), checked over real HTTP from real loopback source addresses. Every
 * variant (server-webflux or server-webmvc, with or without Spring Security: a subclass per surefire
 * execution, each with its own class path) answers this same table.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vipps.callback.environment=prod",
    "vipps.callback.paths=/vipps/**",
    // The loopback DNS answers with loopback addresses, where the test requests come from.
    "vipps.callback.dns.accept-special-purpose-addresses=true",
    "spring.security.user.name=" + GatewayRouteChecks.USER,
    "spring.security.user.password=" + GatewayRouteChecks.PASSWORD})
abstract class GatewayRouteChecks {

  static final String VIPPS = "127.0.0.2";
  static final String VIPPS_IPV6 = "::1";
  static final String VIPPS_DR = "127.0.0.3";
  static final String STRANGER = "127.0.0.9";
  static final String USER = "merchant";
  static final String PASSWORD = "gateway-test-password";
  static final String CALLBACK = "/vipps/callback";

  @RegisterExtension
  static final LoopbackDnsExtension DNS = new LoopbackDnsExtension()
      .answer("callback-1.vipps.no", 300, VIPPS, VIPPS_IPV6)
      .answer("callback-dr-1.vipps.no", 300, VIPPS_DR);

  static final RecordingBackend BACKEND = RecordingBackend.start();

  @DynamicPropertySource
  static void routes(DynamicPropertyRegistry registry) {
    // The same two routes for either gateway; each reads only its own prefix.
    for (String gateway : List.of("webflux", "webmvc")) {
      String routes = "spring.cloud.gateway.server." + gateway + ".routes";
      registry.add(routes + "[0].id", () -> "vipps");
      registry.add(routes + "[0].uri", BACKEND::uri);
      registry.add(routes + "[0].predicates[0]", () -> "Path=/vipps/**");
      registry.add(routes + "[1].id", () -> "shop");
      registry.add(routes + "[1].uri", BACKEND::uri);
      registry.add(routes + "[1].predicates[0]", () -> "Path=/shop/**");
      // Without it the gateway sends the backend no X-Forwarded-* at all. With it, the gateway drops the
      // forwarding headers of a peer it does not trust (no test source matches) and adds the peer it saw.
      registry.add("spring.cloud.gateway.server." + gateway + ".trusted-proxies", () -> "192\\.0\\.2\\.1");
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  /** Whether Spring Security is on this variant's class path. */
  abstract boolean secured();

  /** Whether this variant is the reactive (server-webflux) gateway. */
  abstract boolean reactive();

  @BeforeEach
  void clearBackend() {
    BACKEND.clear();
  }

  @AfterAll
  static void stopBackend() {
    BACKEND.close();
  }

  @Test
  void guardIsTheMechanismOfThisVariant() {
    String guard = reactive()
        ? (secured() ? "vippsCallbackSecurityWebFilterChain" : "vippsCallbackWebFilter")
        : (secured() ? "vippsCallbackSecurityFilterChain" : "vippsCallbackFilterRegistration");
    assertThat(context.containsBean(guard)).as(guard).isTrue();
  }

  @Test
  void classPathIsTheVariantItSaysItIs() {
    assertThat(present("org.springframework.security.web.SecurityFilterChain")).isEqualTo(secured());
    assertThat(present("jakarta.servlet.Filter")).isEqualTo(!reactive());
    assertThat(present("org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration"))
        .isEqualTo(!reactive());
    assertThat(present("org.springframework.cloud.gateway.config.GatewayAutoConfiguration")).isEqualTo(reactive());
  }

  @ParameterizedTest(name = "from {0}")
  @ValueSource(strings = {VIPPS, VIPPS_IPV6, VIPPS_DR})
  void vippsRequestServerPassesThroughToTheBackend(String vipps) throws IOException {
    LoopbackHttpResponse response = post(vipps, CALLBACK);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("backend " + CALLBACK);
    assertThat(BACKEND.received()).singleElement().satisfies(received -> {
      assertThat(received.rawPath()).isEqualTo(CALLBACK);
      // What the backend may trust when it trusts the gateway: the peer the gateway saw, last.
      assertThat(received.forwardedFor()).as(received.toString())
          .isIn(vipps, "0:0:0:0:0:0:0:1", "[::1]", "[0:0:0:0:0:0:0:1]");
    });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "GET", "PUT", "PATCH", "DELETE"})
  void strangerGetsForbiddenProblemAndTheBackendNothing(String method) throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(STRANGER).request(method, port, CALLBACK)
        .body("{}", "application/json").send();

    assertForbiddenProblem(response);
    assertThat(BACKEND.received()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("spoofedHeaders")
  void strangersForwardingHeadersAreIgnored(String header, String value) throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(STRANGER).request("POST", port, CALLBACK)
        .header(header, value).body("{}", "application/json").send();

    assertForbiddenProblem(response);
    assertThat(BACKEND.received()).isEmpty();
  }

  static Stream<Arguments> spoofedHeaders() {
    return Stream.of(
        Arguments.of("X-Forwarded-For", VIPPS),
        Arguments.of("X-Real-IP", VIPPS),
        Arguments.of("Forwarded", "for=" + VIPPS),
        Arguments.of("Forwarded", "for=\"[::1]\""));
  }

  /**
   * Every path trick, from the gateway's other route ({@code /shop/..}) or on the Vipps route itself, never
   * reaches the backend from a stranger, whoever refuses it (the guard, the container, Spring Security's
   * firewall or the gateway finding no route).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pathTricks")
  void pathTrickFromStrangerNeverReachesTheBackend(String target) throws IOException {
    LoopbackHttpResponse response = post(STRANGER, target);

    assertThat(response.status()).as(target).isNotEqualTo(200);
    assertThat(response.body()).as(target).doesNotStartWith("backend");
    assertThat(BACKEND.received()).as(target).isEmpty();
  }

  /** The climbs out of {@code /shop/**}, and the starter's table of tricks on a path under {@code /vipps/**}. */
  static List<String> pathTricks() {
    List<String> tricks = new ArrayList<>(PathVariants.gatewayVariants(CALLBACK));
    tricks.addAll(PathVariants.strangerVariants());
    tricks.add("/shop/..%00/vipps/callback");
    tricks.add("/shop/%zz/../../vipps/callback");
    return tricks;
  }

  /**
   * The trick that failed open on server-webmvc: {@code /shop/..} forwarded unchanged. Without Spring
   * Security's firewall in front, the guard itself must take it: 403 problem+json, not the backend.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("climbsOutOfAnotherRoute")
  void climbOutOfAnotherRouteIsRefusedByTheGuardWhenNothingElseRefusesIt(String target) throws IOException {
    LoopbackHttpResponse response = post(STRANGER, target);

    if (secured()) {
      assertThat(response.status()).as(target).isIn(400, 401, 403); // Spring Security's firewall, or the guard
    } else {
      assertForbiddenProblem(response);
    }
    assertThat(BACKEND.received()).as(target).isEmpty();
  }

  static List<String> climbsOutOfAnotherRoute() {
    return PathVariants.gatewayVariantsPassedByContainers(CALLBACK);
  }

  @Test
  void otherRoutesKeepTheApplicationsOwnSecurity() throws IOException {
    LoopbackHttpResponse anonymous = LoopbackHttpClient.from(STRANGER).get(port, "/shop/items");

    if (secured()) {
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(BACKEND.received()).isEmpty();
      LoopbackHttpResponse user = LoopbackHttpClient.from(STRANGER).request("GET", port, "/shop/items")
          .header("Authorization", "Basic " + credentials()).send();
      assertThat(user.status()).isEqualTo(200);
      assertThat(user.body()).isEqualTo("backend /shop/items");
    } else {
      assertThat(anonymous.status()).isEqualTo(200);
      assertThat(anonymous.body()).isEqualTo("backend /shop/items");
    }
  }

  /**
   * What a backend behind the gateway may trust, if it trusts the gateway: the {@code X-Forwarded-For} it
   * gets names the peer the gateway saw, never what a client wrote.
   */
  @Test
  void backendGetsThePeerTheGatewaySawNeverTheClientsOwnForwardingHeaders() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(STRANGER).request("GET", port, "/shop/items")
        .header("X-Forwarded-For", VIPPS).header("Forwarded", "for=" + VIPPS)
        .header("Authorization", "Basic " + credentials()).send();

    assertThat(response.status()).isEqualTo(200);
    assertThat(BACKEND.received()).singleElement().satisfies(received -> {
      assertThat(received.forwardedFor()).isEqualTo(STRANGER);
      assertThat(received.forwarded()).as(received.toString()).satisfiesAnyOf(
          forwarded -> assertThat(forwarded).isNull(),
          forwarded -> assertThat(forwarded).doesNotContain(VIPPS));
    });
  }

  @Test
  void vippsRouteNeedsNoLoginFromVipps() throws IOException {
    LoopbackHttpResponse response = LoopbackHttpClient.from(VIPPS).request("POST", port, "/vipps/other/path")
        .body("{}", "application/json").send();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("backend /vipps/other/path");
  }

  private LoopbackHttpResponse post(String from, String target) throws IOException {
    return LoopbackHttpClient.from(from).request("POST", port, target).body("{}", "application/json").send();
  }

  static void assertForbiddenProblem(LoopbackHttpResponse response) {
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":403").doesNotContain("backend");
  }

  private static String credentials() {
    return Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, GatewayRouteChecks.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
