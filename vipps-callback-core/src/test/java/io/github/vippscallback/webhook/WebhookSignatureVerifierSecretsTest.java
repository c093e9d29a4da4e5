package io.github.vippscallback.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A verifier with several secrets, as while a webhook secret is rotated: any one of them accepts, and
 * the outcome says which, never revealing it.
 */
class WebhookSignatureVerifierSecretsTest {

  // The published test vector of Vipps' Webhooks API, "request authentication".
  private static final String VIPPS_SECRET =
      "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==";
  private static final WebhookTarget TARGET =
      WebhookTarget.parse("https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63");
  private static final byte[] BODY =
      "{\"some-unique-content\":\"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final String DATE = "Thu, 30 Mar 2023 08:38:32 GMT";
  private static final Instant SIGNED_AT = Instant.parse("2023-03-30T08:38:32Z");
  private static final String CONTENT_HASH = "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=";
  private static final String AUTHORIZATION = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
      + "&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=";

  private static final String OLD = "b2xkLXNlY3JldC1vZi10aGUtZmlyc3QtcmVnaXN0cmF0aW9u";
  private static final String THIRD = "dGhpcmQtc2VjcmV0LW5vdC1jb25maWd1cmVk";

  private static WebhookSignatureVerifier verifier(String secrets) {
    return WebhookSignatureVerifier.builder(WebhookSecret.parseList(secrets))
        .name("vipps.callback.webhook.secret")
        .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
        .build();
  }

  private static WebhookVerification check(WebhookSignatureVerifier verifier, String secret) {
    WebhookSignatureHeaders h = WebhookSigner.of(secret).sign(TARGET, BODY, SIGNED_AT);
    return verifier.check("POST", TARGET, h.date(), h.contentSha256(), h.authorization(), BODY);
  }

  @Test
  void publishedTestVectorPassesAsTheSecondOfTwoSecretsAndSaysSo() {
    WebhookVerification verification = verifier(OLD + "," + VIPPS_SECRET)
        .check("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY);

    assertThat(verification.result()).isEqualTo(WebhookSignatureResult.VALID);
    assertThat(verification.secretPosition()).isEqualTo(2);
    assertThat(verification.secretCount()).isEqualTo(2);
    assertThat(verification.secretTag()).isEqualTo("#2");
    assertThat(verification.describeSecret()).isEqualTo("secret #2 of 2 of vipps.callback.webhook.secret");
  }

  @Test
  void eitherRegistrationsSecretIsAcceptedAndItsLabelNamed() {
    WebhookSignatureVerifier verifier = verifier("old:" + OLD + ",new:" + VIPPS_SECRET);

    WebhookVerification old = check(verifier, OLD);
    WebhookVerification current = check(verifier, VIPPS_SECRET);

    assertThat(old.isValid()).isTrue();
    assertThat(old.secretTag()).isEqualTo("old");
    assertThat(old.describeSecret()).isEqualTo("'old' secret #1 of 2 of vipps.callback.webhook.secret");
    assertThat(old.matchedSecret()).isSameAs(verifier.secrets().get(0));
    assertThat(current.secretTag()).isEqualTo("new");
    assertThat(current.secretPosition()).isEqualTo(2);
  }

  @Test
  void aThirdSecretIsRefusedAsMatchingNoneOfThem() {
    WebhookVerification verification = check(verifier(OLD + "," + VIPPS_SECRET), THIRD);

    assertThat(verification.result()).isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
    assertThat(verification.matchedSecret()).isNull();
    assertThat(verification.secretPosition()).isZero();
    assertThat(verification.secretTag()).isEqualTo("none");
    assertThat(verification.describeSecret())
        .isEqualTo("matched none of the 2 secrets of vipps.callback.webhook.secret");
    assertThat(verification.toString()).doesNotContain(OLD).doesNotContain(VIPPS_SECRET).doesNotContain(THIRD);
  }

  @Test
  void checkingAllocatesNoOutcome() {
    WebhookSignatureVerifier verifier = verifier(OLD + "," + VIPPS_SECRET);

    assertThat(check(verifier, VIPPS_SECRET)).isSameAs(check(verifier, VIPPS_SECRET));
    assertThat(check(verifier, THIRD)).isSameAs(check(verifier, THIRD));
    assertThat(verifier.failure(WebhookSignatureResult.MISSING_DATE))
        .isSameAs(verifier.check("POST", TARGET, null, CONTENT_HASH, AUTHORIZATION, BODY));
  }

  @Test
  void everyOtherCheckStillComesFirstWithSeveralSecrets() {
    WebhookSignatureVerifier verifier = verifier(OLD + "," + VIPPS_SECRET);
    byte[] tampered = BODY.clone();
    tampered[3] ^= 1;

    assertThat(verifier.check("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, tampered).result())
        .isEqualTo(WebhookSignatureResult.CONTENT_HASH_MISMATCH);
    assertThat(verifier.check("POST", TARGET, DATE, CONTENT_HASH, null, BODY).result())
        .isEqualTo(WebhookSignatureResult.MISSING_AUTHORIZATION);
    assertThat(verifier.verify("POST", TARGET, DATE, CONTENT_HASH, AUTHORIZATION, BODY))
        .isEqualTo(WebhookSignatureResult.VALID);
  }

  @Test
  void twoSecretsThatAreTheSameHmacKeyMatchAsTheFirst() {
    // HMAC pads a key with zero bytes: these two different texts are one key.
    WebhookSignatureVerifier verifier = WebhookSignatureVerifier
        .builder(List.of(WebhookSecret.labelled("short", "abc"), WebhookSecret.labelled("padded", "abc\u0000")))
        .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
        .build();

    WebhookVerification verification = check(verifier, "abc\u0000");

    assertThat(verification.isValid()).isTrue();
    assertThat(verification.secretTag()).isEqualTo("short");
  }

  @Test
  void aSignatureInANonCanonicalBase64SpellingIsRefused() {
    // 'U' ends the published signature; 'V' decodes to the same 32 bytes with a padding bit set.
    String nonCanonical = AUTHORIZATION.substring(0, AUTHORIZATION.length() - 2) + "V=";

    assertThat(verifier(VIPPS_SECRET).check("POST", TARGET, DATE, CONTENT_HASH, nonCanonical, BODY).result())
        .isEqualTo(WebhookSignatureResult.BAD_SIGNATURE);
  }

  @Test
  void refusesNoSecretsTooManyAndDuplicates() {
    List<WebhookSecret> many = new ArrayList<>();
    for (int i = 0; i <= WebhookSignatureVerifier.MAX_SECRETS; i++) {
      many.add(WebhookSecret.of("secret-" + i));
    }

    assertThatThrownBy(() -> WebhookSignatureVerifier.builder(List.of()))
        .hasMessage("A webhook verifier takes 1 to 64 secrets, but was given 0");
    assertThatThrownBy(() -> WebhookSignatureVerifier.builder(many))
        .hasMessage("A webhook verifier takes 1 to 64 secrets, but was given 65");
    assertThatThrownBy(() -> WebhookSignatureVerifier.builder(
            List.of(WebhookSecret.of(OLD), WebhookSecret.labelled("again", OLD))))
        .hasMessageContaining("are the same secret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OLD));
  }

  @Test
  void toStringNamesLabelsNeverSecrets() {
    WebhookSignatureVerifier verifier = verifier("old:" + OLD + "," + VIPPS_SECRET);

    assertThat(verifier.toString())
        .contains("name=vipps.callback.webhook.secret", "label=old", "unlabelled")
        .doesNotContain(OLD).doesNotContain("A0+AeKBR");
  }
}
