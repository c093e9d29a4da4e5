package io.github.vippscallback.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.testfixtures.GuardTexts;
import org.junit.jupiter.api.Test;

/** The texts other modules' tests assert (the test fixtures' {@link GuardTexts}) are the guard's own. */
class GuardTextsTest {

  @Test
  void problemDetailsAreTheOnesOtherStacksTestsAssert() {
    assertThat(ProblemAnswers.DENIED_DETAIL).isEqualTo(GuardTexts.DENIED_DETAIL);
    assertThat(ProblemAnswers.UNAVAILABLE_DETAIL).isEqualTo(GuardTexts.UNAVAILABLE_DETAIL);
    assertThat(ProblemAnswers.UNAUTHORIZED_DETAIL).isEqualTo(GuardTexts.UNAUTHORIZED_DETAIL);
    assertThat(ProblemAnswers.TOO_LARGE_DETAIL).isEqualTo(GuardTexts.TOO_LARGE_DETAIL);
  }

  @Test
  void refusalReasonsAreTheOnesOtherStacksTestsAssert() {
    assertThat(RejectionLog.REASON_NOT_ALLOWED).isEqualTo(GuardTexts.REASON_NOT_ALLOWED);
    assertThat(RejectionLog.REASON_NO_CLIENT).isEqualTo(GuardTexts.REASON_NO_CLIENT);
    assertThat(RejectionLog.REASON_UNAVAILABLE).isEqualTo(GuardTexts.REASON_UNAVAILABLE);
    assertThat(RejectionLog.HINT_HEADERS_IGNORED).isEqualTo(GuardTexts.HINT_HEADERS_IGNORED);
  }
}
