package io.github.vippscallback.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.spring.autoconfigure.CallbackEndpoint;
import io.github.vippscallback.testfixtures.PathVariants;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ReactiveCallbackEndpointsTests {

  private static final ReactiveCallbackEndpoints ENDPOINTS = ReactiveCallbackEndpoints.of(List.of(
      new CallbackEndpoint("/vipps/callbacks/{orderId}", Set.of("POST")),
      new CallbackEndpoint("/vipps/status", Set.of("GET")),
      new CallbackEndpoint("/vipps/any/**", Set.of())));

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "POST, /vipps/callbacks/42, true",
      "GET, /vipps/callbacks/42, false",
      "HEAD, /vipps/status, true",
      "GET, /vipps/status, true",
      "DELETE, /vipps/any/thing, true",
      "POST, /vipps/other, false",
      "POST, /VIPPS/Callbacks/42, true",
      "POST, /vipps/callbacks/42/, true",
      "POST, /vipps//callbacks//42, true",
      "POST, /vipps/x/../callbacks/42, true",
      "POST, /vipps/x/%2e%2e/callbacks/42, true",
      "POST, /vipps/./callbacks/42, true",
      "POST, /vipps%2Fcallbacks/42, true",
      "POST, /vipps/callbacks;x=1/42, true",
      "POST, /vipps/call%62acks/42, true",
      "POST, /vipps/callbacks/x/../../status, false",
      "GET, /vipps/callbacks/x/../../status, true"})
  void matchesWhenMethodAndPathAreGuardedAsSentOrNormalized(String method, String path, boolean guarded) {
    // A URI as sent: the String form of the mock builder would encode % and read //host as an authority.
    MockServerHttpRequest request = MockServerHttpRequest.method(HttpMethod.valueOf(method), URI.create(path)).build();

    assertThat(ENDPOINTS.matches(MockServerWebExchange.from(request))).as(method + " " + path).isEqualTo(guarded);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gatewayVariants")
  void matchesWhenAnyReadingOfThePathIsGuarded(String target) {
    MockServerHttpRequest request = MockServerHttpRequest.method(HttpMethod.POST, URI.create(target)).build();

    assertThat(ENDPOINTS.matches(MockServerWebExchange.from(request))).isTrue();
  }

  static List<String> gatewayVariants() {
    return PathVariants.gatewayVariants("/vipps/callbacks/42");
  }
}
