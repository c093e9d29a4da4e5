package io.github.vippscallback.benchmarks;

import io.github.vippscallback.webhook.WebhookSecret;
import io.github.vippscallback.webhook.WebhookSignatureHeaders;
import io.github.vippscallback.webhook.WebhookSignatureVerifier;
import io.github.vippscallback.webhook.WebhookSigner;
import io.github.vippscallback.webhook.WebhookTarget;
import io.github.vippscallback.webhook.WebhookVerification;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying a signed 2 KB webhook body, as during a secret rotation:
 *
 * <ul>
 *   <li>{@code oneSecret}: {@link WebhookSignatureVerifier#check} with the one secret that signed it;
 *   <li>{@code twoSecretsSecondMatches}: the same request against the old and the new registration's
 *       secrets, the second (new) one matching: every secret's HMAC is computed, so this is also the
 *       cost when the first matches or none does;
 *   <li>{@code hmacOfSignedText}: one HMAC-SHA256 of the signed text (about 110 bytes) from a cloned,
 *       initialised {@link Mac}, what the second secret should add, and nothing else.
 * </ul>
 *
 * The body is hashed once (SHA-256 over 2 KB) whatever the number of secrets; {@code
 * twoSecretsSecondMatches - oneSecret} should be about {@code hmacOfSignedText}.
 */
@SuppressWarnings("NullAway.Init") // JMH fills @State fields in @Setup, before any @Benchmark runs.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WebhookVerificationBenchmark {

  static final int BODY_SIZE = 2048;
  // Base64, as Vipps' secrets are.
  private static final String OLD_SECRET = "b2xkLXJlZ2lzdHJhdGlvbi1zZWNyZXQtZm9yLWJlbmNobWFyaw==";
  private static final String NEW_SECRET =
      "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==";
  private static final Instant SIGNED_AT = Instant.parse("2026-11-29T12:00:00Z");

  private WebhookTarget target;
  private byte[] body;
  private String date;
  private String contentSha256;
  private String authorization;
  private WebhookSignatureVerifier oneSecret;
  private WebhookSignatureVerifier twoSecrets;
  private Mac hmacPrototype;
  private byte[] signedText;

  /** Signs a 2 KB JSON body with the new secret and builds both verifiers; checks both accept it. */
  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    target = WebhookTarget.parse("https://shop.example.com/vipps/webhooks/epayment");
    body = body(BODY_SIZE);
    WebhookSignatureHeaders headers = WebhookSigner.of(NEW_SECRET).sign(target, body, SIGNED_AT);
    date = headers.date();
    contentSha256 = headers.contentSha256();
    authorization = headers.authorization();
    Clock clock = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);
    oneSecret = WebhookSignatureVerifier.builder(NEW_SECRET).clock(clock).build();
    twoSecrets = WebhookSignatureVerifier
        .builder(List.of(WebhookSecret.labelled("old", OLD_SECRET), WebhookSecret.labelled("new", NEW_SECRET)))
        .clock(clock)
        .build();
    hmacPrototype = Mac.getInstance("HmacSHA256");
    hmacPrototype.init(new SecretKeySpec(NEW_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    signedText = ("POST\n" + target.pathAndQuery() + "\n" + date + ";" + target.host() + ";" + contentSha256)
        .getBytes(StandardCharsets.UTF_8);
    if (oneSecret().secretPosition() != 1 || twoSecretsSecondMatches().secretPosition() != 2) {
      throw new IllegalStateException("the verifiers do not accept the signed body as set up");
    }
  }

  /** A JSON event of exactly {@code size} bytes. */
  static byte[] body(int size) {
    StringBuilder json = new StringBuilder("{\"msn\":\"123456\",\"reference\":\"order-42\",\"name\":\"AUTHORIZED\","
        + "\"pspReference\":\"7686f7788898767977\",\"note\":\"");
    while (json.length() < size - 2) {
      json.append((char) ('a' + json.length() % 26));
    }
    return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One secret, which signed the request. */
  @Benchmark
  public WebhookVerification oneSecret() {
    return oneSecret.check("POST", target, date, contentSha256, authorization, body);
  }

  /** The old and the new secret, the new (second) one signed the request. */
  @Benchmark
  public WebhookVerification twoSecretsSecondMatches() {
    return twoSecrets.check("POST", target, date, contentSha256, authorization, body);
  }

  /** One HMAC of the signed text: what a second secret should cost. */
  @Benchmark
  public byte[] hmacOfSignedText() throws CloneNotSupportedException {
    return ((Mac) hmacPrototype.clone()).doFinal(signedText);
  }
}
