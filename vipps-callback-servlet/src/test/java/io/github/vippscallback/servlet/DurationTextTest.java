package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "2s, PT2S",
    "5m, PT5M",
    "24h, PT24H",
    "1d, PT24H",
    "' 30S ', PT30S",
    "0s, PT0S",
    "PT2S, PT2S",
    "pt1m30s, PT1M30S",
    "P1D, PT24H",
  })
  void parsesUnitSuffixesAndIso8601(String text, String expected) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2 s", "1.5s", "-2s", "2sec", "two seconds", "5 minutes", "PT-2S", "P", "1w",
      "99999999999999999999d", "9999999999999999d", "0x10s", "２s"})
  void refusesAnythingElseNamingTheValueAndTheValidFormat(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(DurationText.FORMAT);
  }
}
