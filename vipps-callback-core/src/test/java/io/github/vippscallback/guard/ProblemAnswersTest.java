package io.github.vippscallback.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemAnswersTest {

  @Test
  void writesAnRfc9457DocumentWithTheRequestPathAsInstance() {
    String body = new String(ProblemAnswers.body("Forbidden", 403, "No.", "/vipps/callback"),
        StandardCharsets.US_ASCII);

    assertThat(body).isEqualTo(
        "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"No.\","
            + "\"instance\":\"/vipps/callback\"}");
  }

  @Test
  void answersAnUnreadablePeerAsADenialWithTheSameBody() {
    ProblemAnswers problems = new ProblemAnswers(Duration.ofSeconds(5));

    ProblemAnswer unreadable = problems.answer(CallbackOutcome.PEER_ADDRESS_UNREADABLE, "/vipps/callback");
    ProblemAnswer denied = problems.answer(CallbackOutcome.DENIED, "/vipps/callback");

    assertThat(unreadable.status()).isEqualTo(403);
    assertThat(unreadable.body()).isEqualTo(denied.body());
  }

  @Test
  void escapesAHostilePathSoTheDocumentStaysValidPureAsciiJson() {
    byte[] body = ProblemAnswers.body("Forbidden", 403, "No.", "/x\"},\"status\":200,\"a\":\"\\\r\n\u0000<script>&\u2028é😀");

    String json = new String(body, StandardCharsets.US_ASCII);
    assertThat(json).endsWith(
        "\"instance\":\"/x\\\"},\\\"status\\\":200,\\\"a\\\":\\\"\\\\\\r\\n\\u0000\\u003cscript\\u003e\\u0026\\u2028"
            + "\\u00e9\\ud83d\\ude00\"}");
    for (byte b : body) {
      assertThat(b).isBetween((byte) 0x20, (byte) 0x7e);
    }
  }

  @Test
  void leavesOutAnOverlongPathRatherThanEchoingIt() {
    String body = new String(ProblemAnswers.body("Forbidden", 403, "No.", "/" + "a".repeat(5000)),
        StandardCharsets.US_ASCII);

    assertThat(body).doesNotContain("instance").doesNotContain("aaaa");
  }

  @Test
  void roundsRetryAfterUpToWholeSeconds() {
    assertThat(new ProblemAnswers(Duration.ofSeconds(60)).retryAfterSeconds()).isEqualTo("60");
    assertThat(new ProblemAnswers(Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo("2");
  }
}
