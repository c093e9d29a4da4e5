package io.github.vippscallback.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureVerifierTest {

  // The published test vector of Vipps' Webhooks API, "request authentication".
  private static final String SECRET =
      "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==";
  private static final String URL = "https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63";
  private static final byte[] BODY =
      "{\"some-unique-content\":\"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final String DATE = "Thu, 30 Mar 2023 08:38:32 GMT";
  private static final Instant SIGNED_AT = Instant.parse("2023-03-30T08:38:32Z");
  private static final String CONTENT_HASH = "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=";
  private static final String SIGNATURE = "agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=";
  private static final String AUTHORIZATION =
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + SIGNATURE;
  private static final WebhookTarget TARGET = WebhookTarget.parse(URL);

  private static WebhookSignatureVerifier verifierAt(Instant now) {
    return WebhookSignatureVerifier.builder(SECRET).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  private static final WebhookSignatureVerifier VERIFIER = verifierAt(SIGNED_AT);

  @Test
  void signerReproducesPublishedTestVector() {
    WebhookSignatureHeaders headers = WebhookSigner.of(SECRET).sign(TARGET, BODY, SIGNED_AT);

    assertThat(headers.host()).isEqualTo("webhook.site");
    assertThat(headers.date()).isEqualTo(DATE);
    assertThat(headers.contentSha256()).isEqualTo(CONTENT_HASH);
    assertThat(headers.authorization()).isEqualTo(AUTHORIZATION);
  }

  @Test
  void verifierAcceptsPublishedTestVector() {
    assertThat(VERIFIER.verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.VALID);
  }

  @Test
  void verifiesWhenSchemeOfAuthorizationIsLowerCase() {
    assertThat(VERIFIER.verify("POST", TARGET, DATE, CONTENT_HASH, "hmac-sha256" + AUTHORIZATION.substring(11), BODY))
        .isEqualTo(WebhookSignatureResult.VALID);
  }

  @Test
  void rejectsTamperedBodyAsContentHashMismatch() {
    byte[] tampered = BODY.clone();
    tampered[tampered.length - 3] ^= 1;

    assertThat(VERIFIER.verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, tampered))
        .isEqualTo(WebhookSignatureResult.CONTENT_HASH_MISMATCH);
  }

  @Test
  void rejectsTamperedBodyWithRecomputedContentHashAsBadSignature() {
    byte[] tampered = "{\"some-unique-content\":\"evil\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(VERIFIER.verify("POST", TARGET, DATE, WebhookHmac.contentSha256(tampered), AUTHORIZATION, tampered))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void rejectsTamperedDateWithinWindowAsBadSignature() {
    assertThat(VERIFIER.verify("POST", TARGET, "Thu, 30 Mar 2023 08:38:33 GMT", CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void rejectsTamperedPathAsBadSignature() {
    WebhookTarget otherPath = WebhookTarget.of("webhook.site", "/e2cee29b-012e-4f1d-8ef4-e95fd74a7a64");

    assertThat(VERIFIER.verify("POST", otherPath, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void rejectsAddedQueryAsBadSignature() {
    WebhookTarget withQuery = WebhookTarget.parse(URL + "?x=1");

    assertThat(VERIFIER.verify("POST", withQuery, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void rejectsTamperedHostAsBadSignature() {
    WebhookTarget otherHost = WebhookTarget.parse("https://webhook.evil/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63");

    assertThat(VERIFIER.verify("POST", otherHost, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void rejectsNonDefaultPortAsBadSignature() {
    WebhookTarget otherPort = WebhookTarget.parse("https://webhook.site:8443/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63");

    assertThat(otherPort.host()).isEqualTo("webhook.site:8443");
    assertThat(VERIFIER.verify("POST", otherPort, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void acceptsExplicitDefaultPortBecauseItIsNotPartOfHost() {
    WebhookTarget explicitPort = WebhookTarget.parse("https://webhook.site:443/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63");

    assertThat(VERIFIER.verify("POST", explicitPort, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.VALID);
  }

  @Test
  void rejectsOtherMethodAsBadSignature() {
    assertThat(VERIFIER.verify("PUT", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void rejectsTamperedSignatureAsBadSignature() {
    String tampered = AUTHORIZATION.replace("agAiSyog", "agAiSyoh");

    assertThat(VERIFIER.verify("POST", TARGET, DATE, CONTENT_HASH, tampered, BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void rejectsSignatureMadeWithAnotherSecret() {
    WebhookSignatureHeaders other = WebhookSigner.of(SECRET + "x").sign(TARGET, BODY, SIGNED_AT);

    assertThat(VERIFIER.verify("POST", TARGET, other.date(), other.contentSha256(), other.authorization(), BODY))
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void acceptsDateJustInsideWindowEitherSide() {
    Duration window = WebhookSignatureVerifier.DEFAULT_DATE_WINDOW;

    assertThat(verifierAt(SIGNED_AT.plus(window)).verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.VALID);
    assertThat(verifierAt(SIGNED_AT.minus(window)).verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.VALID);
  }

  @Test
  void rejectsDateJustOutsideWindowEitherSide() {
    Duration window = WebhookSignatureVerifier.DEFAULT_DATE_WINDOW;
    Instant late = SIGNED_AT.plus(window).plusMillis(1);
    Instant early = SIGNED_AT.minus(window).minusMillis(1);

    assertThat(verifierAt(late).verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.DATE_OUTSIDE_WINDOW);
    assertThat(verifierAt(early).verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.DATE_OUTSIDE_WINDOW);
  }

  @Test
  void appliesConfiguredDateWindow() {
    WebhookSignatureVerifier narrow =
        WebhookSignatureVerifier.builder(SECRET)
            .dateWindow(Duration.ofSeconds(30))
            .clock(Clock.fixed(SIGNED_AT.plusSeconds(31), ZoneOffset.UTC))
            .build();
    WebhookSignatureVerifier wide =
        WebhookSignatureVerifier.builder(SECRET)
            .dateWindow(Duration.ofMinutes(10))
            .clock(Clock.fixed(SIGNED_AT.plusSeconds(599), ZoneOffset.UTC))
            .build();

    assertThat(narrow.verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.DATE_OUTSIDE_WINDOW);
    assertThat(wide.verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.VALID);
  }

  @Test
  void reportsEachMissingHeader() {
    assertThat(VERIFIER.verify("POST", TARGET, null, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.MISSING_DATE);
    assertThat(VERIFIER.verify("POST", TARGET, DATE, null, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.MISSING_CONTENT_HASH);
    assertThat(VERIFIER.verify("POST", TARGET, DATE, CONTENT_HASH, null, BODY))
        .isEqualTo(WebhookSignatureResult.MISSING_AUTHORIZATION);
  }

  @Test
  void checksHeadersWithoutBodyBeforeReadingIt() {
    assertThat(VERIFIER.checkHeaders(DATE, CONTENT_HASH, AUTHORIZATION)).isEqualTo(WebhookSignatureResult.VALID);
    assertThat(VERIFIER.checkHeaders(DATE, CONTENT_HASH, null)).isEqualTo(WebhookSignatureResult.MISSING_AUTHORIZATION);
    assertThat(VERIFIER.checkHeaders(DATE, CONTENT_HASH, "Bearer x")).isEqualTo(WebhookSignatureResult.MALFORMED_AUTHORIZATION);
    assertThat(VERIFIER.checkHeaders("yesterday", CONTENT_HASH, AUTHORIZATION)).isEqualTo(WebhookSignatureResult.MALFORMED_DATE);
    assertThat(verifierAt(SIGNED_AT.plus(Duration.ofHours(1))).checkHeaders(DATE, CONTENT_HASH, AUTHORIZATION))
        .isEqualTo(WebhookSignatureResult.DATE_OUTSIDE_WINDOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "HMAC-SHA256",
      "Bearer agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
      "agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=",
      "HMAC-SHA256 SignedHeaders=host;x-ms-date;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
      "HMAC-SHA256 signedheaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
      "HMAC-SHA256  SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U= ",
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U",
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz-yAr5nJ+v+zasdkSbqzv+U=",
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+UU",
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz\u00e9yAr5nJ+v+zasdkSbqzv+U=",
      "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U="
  })
  void rejectsMalformedAuthorization(String authorization) {
    assertThat(VERIFIER.verify("POST", TARGET, DATE, CONTENT_HASH, authorization, BODY))
        .isEqualTo(WebhookSignatureResult.MALFORMED_AUTHORIZATION);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "2023-03-30T08:38:32Z",
      "Thu, 30 Mar 2023 08:38:32 +0000",
      "Thu, 30 Mar 2023 08:38:32 UTC",
      "Fri, 30 Mar 2023 08:38:32 GMT",
      "Thu, 30 Mar 2023 8:38:32 GMT",
      "Thu, 30 Mar 2023 08:38:32 GMT ",
      "Thursday, 30-Mar-23 08:38:32 GMT"
  })
  void rejectsMalformedDate(String date) {
    assertThat(VERIFIER.verify("POST", TARGET, date, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.MALFORMED_DATE);
  }

  @Test
  void rejectsHugeHeadersWithoutParsingThem() {
    String huge = "A".repeat(100_000);

    assertThat(VERIFIER.verify("POST", TARGET, huge, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.MALFORMED_DATE);
    assertThat(VERIFIER.verify("POST", TARGET, DATE, huge, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.CONTENT_HASH_MISMATCH);
    assertThat(VERIFIER.verify("POST", TARGET, DATE, CONTENT_HASH, huge, BODY))
        .isEqualTo(WebhookSignatureResult.MALFORMED_AUTHORIZATION);
  }

  @Test
  void roundTripsSignerAndVerifierForEmptyAndBinaryBodies() {
    WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:8080/shop/vipps/webhook?order=42&x=%2F");
    WebhookSigner signer = WebhookSigner.of("a secret with spaces and æøå");
    WebhookSignatureVerifier verifier =
        WebhookSignatureVerifier.builder("a secret with spaces and æøå")
            .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
            .build();

    for (byte[] body : new byte[][] {new byte[0], {0, -1, 10, 13, 59}}) {
      WebhookSignatureHeaders h = signer.sign(target, body, SIGNED_AT.plusMillis(900));
      assertThat(h.host()).isEqualTo("127.0.0.1:8080");
      assertThat(verifier.verify("POST", target, h.date(), h.contentSha256(), h.authorization(), body))
          .isEqualTo(WebhookSignatureResult.VALID);
    }
  }

  @Test
  void signerUsesItsClockForTheDate() {
    WebhookSignatureHeaders headers =
        WebhookSigner.of(SECRET).withClock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).sign(URL, BODY);

    assertThat(headers.date()).isEqualTo(DATE);
    assertThat(headers.authorization()).isEqualTo(AUTHORIZATION);
    assertThat(headers.asMap())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("x-ms-date", DATE),
            org.assertj.core.api.Assertions.entry("x-ms-content-sha256", CONTENT_HASH),
            org.assertj.core.api.Assertions.entry("Authorization", AUTHORIZATION));
  }

  @Test
  void neverShowsSecretOrSignatureInToString() {
    WebhookSignatureHeaders headers = WebhookSigner.of(SECRET).sign(TARGET, BODY, SIGNED_AT);

    assertThat(headers.toString()).doesNotContain(SIGNATURE).contains(CONTENT_HASH);
    assertThat(VERIFIER.toString()).doesNotContain(SECRET).doesNotContain("A0+AeKBR");
    assertThat(WebhookSigner.of(SECRET).toString()).doesNotContain("A0+AeKBR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void refusesBlankSecretWithoutEchoingIt(String secret) {
    assertThatThrownBy(() -> WebhookSignatureVerifier.builder(secret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhook secret is blank");
    assertThatThrownBy(() -> WebhookSigner.of(secret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhook secret is blank");
  }

  @Test
  void refusesDateWindowOutsideRangeNamingSettingAndValue() {
    assertThatThrownBy(() -> WebhookSignatureVerifier.builder(SECRET).dateWindow(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dateWindow must be between PT1S and PT1H, but was PT0S");
    assertThatThrownBy(() -> WebhookSignatureVerifier.builder(SECRET).dateWindow(Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT2H");
  }
}
