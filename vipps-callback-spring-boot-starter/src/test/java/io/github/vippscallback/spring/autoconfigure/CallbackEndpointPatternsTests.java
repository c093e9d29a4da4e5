package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.guard.WebhookSignatureCheck;
import io.github.vippscallback.webhook.WebhookSecret;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * One match names the endpoint and its signature check: of several endpoints a request matches, one that takes
 * a signature wins (as the first signature group that matches did), by any reading of the path.
 */
class CallbackEndpointPatternsTests {

  private static final CallbackEndpoint ALL_UNDER_VIPPS = new CallbackEndpoint("/vipps/**", Set.of());
  private static final CallbackEndpoint WEBHOOK = new CallbackEndpoint("/vipps/webhook", Set.of("POST"));
  private static final CallbackEndpoint OTHER_WEBHOOK = new CallbackEndpoint("/vipps/{name}", Set.of("POST"));
  private static final WebhookSignatureCheck FIRST = check("Zmlyc3Qtc2VjcmV0LW9mLXRoZS13ZWJob29r");
  private static final WebhookSignatureCheck SECOND = check("c2Vjb25kLXNlY3JldC1vZi10aGUtd2ViaG9vaw==");

  /** The unsigned endpoint is discovered first; the signed ones belong to two groups, FIRST's first. */
  private final CallbackEndpointPatterns patterns = CallbackEndpointPatterns.signed(
      List.of(ALL_UNDER_VIPPS, OTHER_WEBHOOK, WEBHOOK),
      List.of(group("first", FIRST, WEBHOOK), group("second", SECOND, OTHER_WEBHOOK)));

  private static WebhookSignatureCheck check(String secret) {
    return WebhookSignatureCheck.builder(WebhookSignatureVerifier.builder(WebhookSecret.parseList(secret)).build())
        .build();
  }

  private static WebhookSignatures.Group group(String name, WebhookSignatureCheck check, CallbackEndpoint endpoint) {
    return new WebhookSignatures.Group(name, List.of(endpoint), List.of(), check);
  }

  private int match(String method, String path) {
    return patterns.match(method, path, new MockHttpServletRequest(method, path));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/vipps/webhook", "/vipps/./webhook", "/vipps/x/../webhook", "/vipps/%77ebhook",
      "/vipps//webhook", "/vipps/webhook;x=1", "/VIPPS/webhook/", "/shop/../vipps/webhook"})
  void matchWhenSeveralEndpointsMatchThenTheFirstSignatureGroupWins(String path) {
    int endpoint = match("POST", path);

    assertThat(patterns.endpoints().get(endpoint)).isEqualTo(WEBHOOK);
    assertThat(patterns.signatureCheck(endpoint)).isSameAs(FIRST);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/vipps/refund", "/vipps/./refund", "/vipps/%72efund"})
  void matchWhenOnlyTheSecondGroupAndTheUnsignedEndpointMatchThenTheSecondGroupWins(String path) {
    int endpoint = match("POST", path);

    assertThat(patterns.endpoints().get(endpoint)).isEqualTo(OTHER_WEBHOOK);
    assertThat(patterns.signatureCheck(endpoint)).isSameAs(SECOND);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/vipps/webhook", "/vipps/a/b"})
  void matchWhenOnlyTheUnsignedEndpointMatchesThenNoSignatureIsChecked(String path) {
    int endpoint = match("GET", path);

    assertThat(patterns.endpoints().get(endpoint)).isEqualTo(ALL_UNDER_VIPPS);
    assertThat(patterns.signatureCheck(endpoint)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/shop/webhook", "/vippswebhook", "/"})
  void matchWhenNoEndpointMatchesThenNoMatch(String path) {
    assertThat(match("POST", path)).isEqualTo(CallbackEndpointPatterns.NO_MATCH);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "GET"})
  void matchWhenThePathCannotBePlacedThenTheBestEndpointForTheMethod(String method) {
    int endpoint = patterns.match(method, null, new MockHttpServletRequest(method, "/"));

    assertThat(patterns.signatureCheck(endpoint)).isSameAs(method.equals("POST") ? FIRST : null);
  }
}
