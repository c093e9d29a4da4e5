package io.github.vippscallback.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTextTest {

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
  void durationParsesUnitSuffixesAndIso8601(String text, String expected) {
    assertThat(SettingText.duration(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2 s", "1.5s", "-2s", "2sec", "two seconds", "5 minutes", "PT-2S", "P", "1w",
      "99999999999999999999d", "9999999999999999d", "0x10s", "２s"})
  void durationRefusesAnythingElseNamingTheValueAndTheValidFormat(String text) {
    assertThatThrownBy(() -> SettingText.duration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(SettingText.DURATION);
  }

  @ParameterizedTest
  @CsvSource({
    "PT10M, 10m",
    "PT24H, 1d",
    "PT25H, 25h",
    "PT0.5S, 500ms",
    "PT1M30S, 90s",
    "PT0S, 0s",
    "PT-5S, -5s",
    "PT0.0000001S, PT0.0000001S",
  })
  void showWritesDurationAsUserWritesIt(String duration, String shown) {
    assertThat(SettingText.show(Duration.parse(duration))).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({"65536, 65536", "64KB, 65536", "64kb, 65536", "1MB, 1048576", "' 10 B ', 10", "10MB, 10485760"})
  void sizeParsesBytesAndBinaryUnits(String text, int expected) {
    assertThat(SettingText.size(text, 10 * 1024 * 1024)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "-1", "11MB", "1GB", "1.5KB", "lots", "99999999999999999999"})
  void sizeRefusesAnythingElseNamingTheValueAndTheValidFormat(String text) {
    assertThatThrownBy(() -> SettingText.size(text, 10 * 1024 * 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(SettingText.SIZE)
        .hasMessageContaining("from 1 to 10485760 bytes");
  }

  @Test
  void listTrimsItemsAndLeavesOutEmptyOnes() {
    assertThat(SettingText.list(" 10.0.0.1 ,, ::1 ,")).containsExactly("10.0.0.1", "::1");
    assertThat(SettingText.list(" , ")).isEmpty();
  }
}
