package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.testfixtures.PathVariants;
import jakarta.servlet.RequestDispatcher;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** The request matcher shared by the security chain and the servlet filter, request by request. */
class VippsCallbackEndpointsTests {

  private final VippsCallbackEndpoints endpoints = VippsCallbackEndpoints.of(List.of(
      new CallbackEndpoint("/vipps/payments/{orderId}", Set.of("POST")),
      new CallbackEndpoint("/vipps/status", Set.of("get")),
      new CallbackEndpoint("/hooks/**", Set.of())));

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "POST, /vipps/payments/42, true",
      "post, /vipps/payments/42, true",
      "GET, /vipps/payments/42, false",
      "PUT, /vipps/payments/42, false",
      "GET, /vipps/status, true",
      "HEAD, /vipps/status, true",
      "POST, /vipps/status, false",
      "DELETE, /hooks/a/b/c, true",
      "OPTIONS, /hooks, true",
      "POST, /vipps/payments, false",
      "POST, /vipps/payments/42/more, false",
      "POST, /other, false",
      // variants: guarded whenever Spring MVC might route them to the handler
      "POST, /vipps/payments/42;x=1, true",
      "POST, /vipps;x/payments/42, true",
      "POST, /vipps//payments/42, true",
      "POST, /vipps/payments/42/, true",
      "POST, /VIPPS/Payments/42, true",
      "POST, /vipps/pay%6Dents/42, true",
      "POST, /vipps/payments/4%2F2, true"})
  void matchesByMethodAndPath(String method, String uri, boolean expected) {
    assertThat(endpoints.matches(new MockHttpServletRequest(method, uri))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gatewayVariants")
  void matchesWhenAnyReadingOfThePathIsGuarded(String target) {
    assertThat(endpoints.matches(new MockHttpServletRequest("POST", target))).isTrue();
  }

  static List<String> gatewayVariants() {
    return PathVariants.gatewayVariants("/vipps/payments/42");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "POST, /vipps/payments/42%zz, true",
      "POST, /vipps/payments/42%00, true",
      "POST, /vipps/payments/42%00/../../../other, true",
      "POST, /vipps/pay%zzments/42, false",
      "POST, /other%zz, false",
      "POST, /other%00, false",
      "POST, /shop/../other, false",
      "POST, /shop/%2e%2e/vipps/status, false",
      "GET, /shop/%2e%2e/vipps/status, true",
      "POST, /shop/anything, false"})
  void unreadablePathIsGuardedOnlyWhenAReadingReachesAGuardedPattern(String method, String uri, boolean guarded) {
    assertThat(endpoints.matches(new MockHttpServletRequest(method, uri))).as(method + " " + uri).isEqualTo(guarded);
  }

  @Test
  void pathIsTakenAfterContextPath() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/shop/vipps/payments/1");
    request.setContextPath("/shop");

    assertThat(endpoints.matches(request)).isTrue();
  }

  @Test
  void uriThatDoesNotStartWithContextPathIsGuarded() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/SHOP/vipps/payments/1");
    request.setContextPath("/shop");

    assertThat(endpoints.matches(request)).isTrue();
  }

  @Test
  void includedPathIsTheOneMatched() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
    request.setAttribute(RequestDispatcher.INCLUDE_REQUEST_URI, "/vipps/status");

    assertThat(endpoints.matches(request)).isTrue();
  }

  @Test
  void nothingMatchesWithoutEndpoints() {
    assertThat(VippsCallbackEndpoints.of(List.of()).matches(new MockHttpServletRequest("POST", "/vipps"))).isFalse();
  }

  @Test
  void discoversOnceAtFirstUse() {
    AtomicInteger discoveries = new AtomicInteger();
    VippsCallbackEndpoints lazy = new VippsCallbackEndpoints(() -> {
      discoveries.incrementAndGet();
      return List.of(new CallbackEndpoint("/vipps", Set.of()));
    });

    assertThat(discoveries).hasValue(0);
    assertThat(lazy.matches(new MockHttpServletRequest("POST", "/vipps"))).isTrue();
    assertThat(lazy.endpoints()).hasSize(1);
    assertThat(discoveries).hasValue(1);
  }

  @Test
  void matchedWhenTheSecurityMatcherKeptTheEndpointThenLaterStepsDoNotMatchAgain() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/vipps/payments/42");
    assertThat(new CallbackEndpointsRequestMatcher(endpoints).matches(request)).isTrue();
    int kept = endpoints.match(request);

    request.setRequestURI("/elsewhere"); // were the signature step to match again, it would find nothing

    assertThat(endpoints.matched(request)).isEqualTo(kept).isNotEqualTo(CallbackEndpointPatterns.NO_MATCH);
    assertThat(endpoints.matched(new MockHttpServletRequest("POST", "/elsewhere")))
        .isEqualTo(CallbackEndpointPatterns.NO_MATCH);
  }

  @Test
  void endpointUpperCasesMethodsAndSaysAnyMethod() {
    assertThat(new CallbackEndpoint("/a", Set.of("post", "Get")).methods()).containsExactly("GET", "POST");
    assertThat(new CallbackEndpoint("/a", Set.of("post"))).hasToString("POST /a");
    assertThat(new CallbackEndpoint("/a", Set.of())).hasToString("* /a");
  }
}
