package io.github.vippscallback.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The comma-separated, optionally labelled form of webhook secrets users write in properties. */
class WebhookSecretTest {

  // Vipps' published secret: base64, so neither ',' nor ':' can occur in it.
  private static final String VIPPS_SECRET =
      "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==";
  private static final String OTHER = "k1PzQ0c9dE2mY7rT4hB8nX6wJ3vL5sA1fG0uI9oK2eR=";

  @Test
  void readsOneUnlabelledSecretAsItIs() {
    List<WebhookSecret> secrets = WebhookSecret.parseList(VIPPS_SECRET);

    assertThat(secrets).singleElement().satisfies(secret -> assertThat(secret.label()).isNull());
    assertThat(secrets.get(0).key().getEncoded()).isEqualTo(VIPPS_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void readsSeveralSecretsInOrderWithOptionalLabelsAndSpaces() {
    List<WebhookSecret> secrets = WebhookSecret.parseList(" old : " + VIPPS_SECRET + " ,  " + OTHER + " ");

    assertThat(secrets).extracting(WebhookSecret::label).containsExactly("old", null);
    assertThat(secrets.get(0).key().getEncoded()).isEqualTo(VIPPS_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(secrets.get(1).key().getEncoded()).isEqualTo(OTHER.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a,,b", ",a", "a,", "old:", "old:  ,b", "bad label:a", "é:a", "a-label-that-is-much-longer-than-32-chars:x", "  "})
  void refusesMalformedListsWithoutEchoingAnySecret(String text) {
    assertThatThrownBy(() -> WebhookSecret.parseList(text.replace("a", VIPPS_SECRET.substring(0, 8))))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VIPPS_SECRET.substring(0, 8)));
  }

  @Test
  void namesTheEntryByPositionWhenOneIsEmpty() {
    assertThatThrownBy(() -> WebhookSecret.parseList(VIPPS_SECRET + ",," + OTHER))
        .hasMessageContaining("webhook secret #2 of 3 is empty");
  }

  @Test
  void refusesTheSameSecretTwiceAndTheSameLabelTwice() {
    assertThatThrownBy(() -> WebhookSecret.parseList("a:" + VIPPS_SECRET + ",b:" + VIPPS_SECRET))
        .hasMessageContaining("#1 and #2 of 2 are the same secret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VIPPS_SECRET));
    assertThatThrownBy(() -> WebhookSecret.parseList("a:" + VIPPS_SECRET + ",a:" + OTHER))
        .hasMessageContaining("the same label 'a'");
  }

  @Test
  void neverShowsTheSecretInToString() {
    assertThat(WebhookSecret.labelled("new", VIPPS_SECRET).toString()).isEqualTo("WebhookSecret{label=new}");
    assertThat(WebhookSecret.of(VIPPS_SECRET).toString()).doesNotContain("A0+AeKBR");
  }
}
