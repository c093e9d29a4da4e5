package io.github.vippscallback.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostileTextTest {

  @Test
  void showsLineBreaksAndControlCharactersAsEscapesSoNoLogLineCanBeForged() {
    String forged = "1.2.3.4\r\n2026-11-23 WARN fake\u0085\u2028\u2029\u001b[31m\u0000\u007f\t";

    String safe = HostileText.sanitize(forged);

    assertThat(safe)
        .isEqualTo("1.2.3.4\\u000d\\u000a2026-11-23 WARN fake\\u0085\\u2028\\u2029\\u001b[31m\\u0000\\u007f\\u0009");
    assertThat(safe.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  @Test
  void escapesBidirectionalOverridesZeroWidthCharactersAndLoneSurrogates() {
    assertThat(HostileText.sanitize("a\u202eb\u2066c\u200bd\ufeffe\ud800f"))
        .isEqualTo("a\\u202eb\\u2066c\\u200bd\\ufeffe\\ud800f");
  }

  @Test
  void escapesQuotesAndBackslashesSoAQuotedFieldCannotBeClosed() {
    assertThat(HostileText.sanitize("x\" client=\"127.0.0.2\\")).isEqualTo("x\\\" client=\\\"127.0.0.2\\\\");
  }

  @Test
  void keepsPrintableTextIncludingNonAsciiLettersAndSurrogatePairs() {
    assertThat(HostileText.sanitize("Blåbær 😀 2001:db8::1")).isEqualTo("Blåbær 😀 2001:db8::1");
  }

  @Test
  void cutsLongValuesAndSaysHowMuchWasLeftOut() {
    String safe = HostileText.sanitize("a".repeat(1000));

    assertThat(safe).isEqualTo("a".repeat(HostileText.MAX_LENGTH) + "...(" + (1000 - HostileText.MAX_LENGTH)
        + " more chars)");
  }

  @Test
  void showsAMissingValueAsADash() {
    assertThat(HostileText.sanitize(null)).isEqualTo("-");
    assertThat(HostileText.sanitizeAll(Collections.emptyEnumeration())).isEqualTo("-");
  }

  @Test
  void joinsEveryHeaderLineAndStopsCollectingPastTheLimit() {
    assertThat(HostileText.sanitizeAll(Collections.enumeration(List.of("1.2.3.4", "5.6.7.8\n"))))
        .isEqualTo("1.2.3.4, 5.6.7.8\\u000a");
    String many = HostileText.sanitizeAll(Collections.enumeration(Collections.nCopies(100_000, "10.0.0.1")));
    assertThat(many.length()).isLessThan(HostileText.MAX_LENGTH + 40);
  }
}
