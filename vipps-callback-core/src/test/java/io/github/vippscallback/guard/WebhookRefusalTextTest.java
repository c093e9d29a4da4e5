package io.github.vippscallback.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.webhook.WebhookSecret;
import io.github.vippscallback.webhook.WebhookSignatureHeaders;
import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookSigner;
import io.github.vippscallback.webhook.WebhookTarget;
import io.github.vippscallback.webhook.WebhookVerification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The WARN line of each kind of refusal: what failed, the URL verified against, a proxy hint when one is
 * the likely cause, and never a secret or a signature; hostile request values cannot forge a line.
 */
class WebhookRefusalTextTest {

  private static final String OLD = "b2xkLXNlY3JldC1vZi10aGUtZmlyc3QtcmVnaXN0cmF0aW9u";
  private static final String NEW = "bmV3LXNlY3JldC1vZi10aGUtc2Vjb25kLXJlZ2lzdHJhdGlvbg==";
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final byte[] BODY = "{\"name\":\"AUTHORIZED\"}".getBytes(StandardCharsets.UTF_8);
  private static final WebhookTarget TARGET = WebhookTarget.parse("https://shop.example.com/vipps/webhook?shop=1");
  private static final WebhookSignatureVerifier VERIFIER =
      WebhookSignatureVerifier.builder(WebhookSecret.parseList(OLD + "," + NEW))
          .name("vipps.callback.webhook.secret")
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .build();
  private static final WebhookSignatureHeaders STRANGER_SIGNED =
      WebhookSigner.of("c3RyYW5nZXI=").sign(TARGET, BODY, NOW);
  private static final String STRANGER_SIGNATURE = STRANGER_SIGNED.authorization().substring(
      STRANGER_SIGNED.authorization().indexOf("Signature=") + "Signature=".length());

  private static WebhookRefusalText.Request request(String host, boolean forwarded) {
    return new WebhookRefusalText.Request("127.0.0.2", "POST", "/vipps/webhook", STRANGER_SIGNED.date(), host,
        forwarded);
  }

  private static String badSignatureLine(WebhookRefusalText text, String host, boolean forwarded) {
    WebhookVerification verification = VERIFIER.check("POST", TARGET, STRANGER_SIGNED.date(),
        STRANGER_SIGNED.contentSha256(), STRANGER_SIGNED.authorization(), BODY);
    assertThat(verification.result()).isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
    return text.line(verification, TARGET, request(host, forwarded), 0);
  }

  private static void assertRevealsNoSecret(String line) {
    assertThat(line).doesNotContain(OLD).doesNotContain(NEW).doesNotContain(STRANGER_SIGNATURE)
        .doesNotContain("Signature=");
  }

  @Test
  void aSignatureMatchingNoSecretNamesHowManyWereTriedTheUrlAndTheLikelyCause() {
    WebhookRefusalText text = WebhookRefusalText.of(true, null, "vipps.callback.webhook.public-url", false);

    String line = badSignatureLine(text, "shop.example.com", false);

    assertThat(line).isEqualTo("Vipps webhook refused: reason=\"the signature does not match\""
        + " peer=\"127.0.0.2\" method=\"POST\" path=\"/vipps/webhook\" host=\"shop.example.com\""
        + " x-ms-date=\"" + STRANGER_SIGNED.date() + "\""
        + " secrets=\"matched none of the 2 secrets of vipps.callback.webhook.secret\""
        + " verified-url=\"https://shop.example.com/vipps/webhook?shop=1\""
        + " hint=\"" + WebhookRefusalText.HINT_WRONG_SECRET + "\"");
    assertRevealsNoSecret(line);
  }

  @Test
  void hintsAtThePublicUrlWhenTheRequestArrivedForAnotherHost() {
    WebhookTarget publicUrl = WebhookTarget.parse("https://shop.example.com");
    WebhookRefusalText text = WebhookRefusalText.of(true, publicUrl, "vipps.callback.webhook.public-url", true);

    String line = badSignatureLine(text, "internal-lb:8080", true);

    assertThat(line).contains("hint=\"the request arrived for host 'internal-lb:8080' but is verified against host"
        + " 'shop.example.com' of vipps.callback.webhook.public-url; if Vipps was registered with a URL on another"
        + " host, correct vipps.callback.webhook.public-url\"");
    assertRevealsNoSecret(line);
    // The same host, spelled with its default port and in capitals, is no mismatch.
    assertThat(badSignatureLine(text, "SHOP.example.com:443", true)).contains(WebhookRefusalText.HINT_WRONG_SECRET);
  }

  @Test
  void hintsAtAMissingPublicUrlBehindATrustedProxyOrForwardedHeaders() {
    WebhookRefusalText trusting = WebhookRefusalText.of(true, null, "init-parameter public-url", true);
    WebhookRefusalText notTrusting = WebhookRefusalText.of(true, null, "init-parameter public-url", false);

    assertThat(badSignatureLine(trusting, "10.0.0.5:8080", false))
        .contains("hint=\"no init-parameter public-url is set and the request came through a proxy");
    assertThat(badSignatureLine(notTrusting, "10.0.0.5:8080", true))
        .contains("hint=\"no init-parameter public-url is set and the request came through a proxy");
    assertThat(badSignatureLine(notTrusting, "10.0.0.5:8080", false)).contains(WebhookRefusalText.HINT_WRONG_SECRET);
  }

  @Test
  void eachOtherCheckIsNamedWithoutSecretsOrHint() {
    WebhookRefusalText text = WebhookRefusalText.of(false, null, "init-parameter public-url", false);
    WebhookSignatureHeaders signed = WebhookSigner.of(NEW).sign(TARGET, BODY, NOW);
    byte[] tampered = "{\"name\":\"CAPTURED\"}".getBytes(StandardCharsets.UTF_8);

    String missing = text.line(VERIFIER.failure(WebhookSignatureResult.MISSING_AUTHORIZATION), TARGET,
        request("shop.example.com", false), 0);
    String stale = text.line(VERIFIER.failure(WebhookSignatureResult.DATE_OUTSIDE_WINDOW), TARGET,
        request("shop.example.com", false), 3);
    String hash = text.line(VERIFIER.check("POST", TARGET, signed.date(), signed.contentSha256(),
        signed.authorization(), tampered), TARGET, request("shop.example.com", false), 0);

    assertThat(missing).startsWith("Vipps webhook would have been refused but was let through (report-only): "
        + "reason=\"no Authorization header\"").doesNotContain("hint=").doesNotContain("secrets=");
    assertThat(stale).contains("reason=\"x-ms-date is outside the allowed window\"")
        .endsWith(" (3 similar lines suppressed)");
    assertThat(hash).contains("reason=\"x-ms-content-sha256 does not match the body received\"",
        "verified-url=\"https://shop.example.com/vipps/webhook?shop=1\"");
    for (String line : new String[] {missing, stale, hash}) {
      assertRevealsNoSecret(line);
      assertThat(line).doesNotContain(signed.authorization().substring(signed.authorization().indexOf('=') + 1));
    }
  }

  @Test
  void hostileValuesCannotForgeOrHideALine() {
    WebhookRefusalText text = WebhookRefusalText.of(true, null, "init-parameter public-url", false);
    WebhookRefusalText.Request hostile = new WebhookRefusalText.Request("127.0.0.2", "POST\r\nWARN fake",
        "/vipps/\u202ewebhook\"x", "x".repeat(1000), null, false);

    String line = text.line(VERIFIER.failure(WebhookSignatureResult.MALFORMED_DATE), null, hostile, 0);

    assertThat(line).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u202e")
        .contains("method=\"POST\\u000d\\u000aWARN fake\"", "path=\"/vipps/\\u202ewebhook\\\"x\"",
            "...(744 more chars)", "host=\"-\"", "verified-url=\"-\"");
  }
}
