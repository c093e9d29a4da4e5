package io.github.vippscallback.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackTokensTest {

  @Test
  void matchesWhenReceivedTokenIsExactlyExpected() {
    assertThat(CallbackTokens.matches("s3cr3t-token-for-order-42", "s3cr3t-token-for-order-42")).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "s3cr3t-token-for-order-4", "s3cr3t-token-for-order-420", "S3CR3T-TOKEN-FOR-ORDER-42",
      " s3cr3t-token-for-order-42", "Bearer s3cr3t-token-for-order-42"})
  void doesNotMatchAnyOtherReceivedToken(String received) {
    assertThat(CallbackTokens.matches("s3cr3t-token-for-order-42", received)).isFalse();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  ", "\t"})
  void neverMatchesWhenExpectedTokenIsMissing(String expected) {
    assertThat(CallbackTokens.matches(expected, expected)).isFalse();
    assertThat(CallbackTokens.matches(expected, "")).isFalse();
    assertThat(CallbackTokens.matches(expected, null)).isFalse();
  }

  @Test
  void comparesNonAsciiTokensByTheirUtf8Bytes() {
    assertThat(CallbackTokens.matches("blåbær", "blåbær")).isTrue();
    assertThat(CallbackTokens.matches("blåbær", "blabaer")).isFalse();
  }
}
