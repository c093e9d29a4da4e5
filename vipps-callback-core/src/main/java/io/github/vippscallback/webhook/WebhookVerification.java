package io.github.vippscallback.webhook;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one {@link WebhookSignatureVerifier#check}: the {@linkplain #result() result}, and for
 * a valid signature which of the verifier's secrets matched, by {@linkplain #secretPosition() position}
 * and {@linkplain WebhookSecret#label() label}, so that an operator can see when an old registration's
 * secret stops being used. Safe to log: it never holds a secret or a signature.
 *
 * <p>A verifier makes its outcomes once, when it is built (one per result, one per secret), so checking
 * a request allocates none. Compare them with {@link #equals} or by their parts, not by identity across
 * verifiers.
 */
public final class WebhookVerification {

  private final WebhookSignatureResult result;
  private final @Nullable WebhookSecret secret;
  private final int secretPosition;
  private final int secretCount;
  private final String secretsName;
  private final String secretTag;
  private final String secretDescription;

  WebhookVerification(
      WebhookSignatureResult result,
      @Nullable WebhookSecret secret,
      int secretPosition,
      int secretCount,
      String secretsName) {
    this.result = result;
    this.secret = secret;
    this.secretPosition = secretPosition;
    this.secretCount = secretCount;
    this.secretsName = secretsName;
    String label = secret == null ? null : secret.label();
    this.secretTag = secret == null ? "none" : label != null ? label : "#" + secretPosition;
    if (secret == null) {
      this.secretDescription = result == WebhookSignatureResult.BAD_SIGNATURE
          ? (secretCount == 1 ? "matched not the one secret" : "matched none of the " + secretCount + " secrets")
              + " of " + secretsName
          : "no secret tried";
    } else {
      this.secretDescription = (label == null ? "" : "'" + label + "' ") + "secret #" + secretPosition + " of "
          + secretCount + " of " + secretsName;
    }
  }

  /**
   * Valid, or why the request is not signed by the holder of one of the secrets.
   *
   * @return the check's result
   */
  public WebhookSignatureResult result() {
    return result;
  }

  /**
   * Whether the signature is valid with one of the verifier's secrets.
   *
   * @return {@code true} when one of the secrets matched
   */
  public boolean isValid() {
    return result.isValid();
  }

  /**
   * The secret that matched, or {@code null} unless {@linkplain #isValid() valid}.
   *
   * @return the matched secret, or {@code null}
   */
  public @Nullable WebhookSecret matchedSecret() {
    return secret;
  }

  /**
   * The 1-based position of the matched secret among the verifier's secrets, or 0 when none matched.
   *
   * @return the position, from 1, or 0
   */
  public int secretPosition() {
    return secretPosition;
  }

  /**
   * How many secrets the verifier has.
   *
   * @return the number of secrets
   */
  public int secretCount() {
    return secretCount;
  }

  /**
   * The name of the verifier's secrets ({@link WebhookSignatureVerifier.Builder#name}), e.g. the
   * property they came from.
   *
   * @return the name of the secrets
   */
  public String secretsName() {
    return secretsName;
  }

  /**
   * A short, bounded name of the matched secret for a metric tag: its label, else {@code #} and its
   * position (e.g. {@code #2}); {@code none} when none matched.
   *
   * @return the tag: a label, {@code #n} or {@code none}
   */
  public String secretTag() {
    return secretTag;
  }

  /**
   * Which secret matched, for a log line: e.g. {@code secret #2 of 2 of vipps.callback.webhook.secret} or
   * {@code 'new' secret #2 of 2 of ...}; for a signature that matched none, {@code matched none of the 2
   * secrets of ...}.
   *
   * @return the description for a log line
   */
  public String describeSecret() {
    return secretDescription;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WebhookVerification that
        && result == that.result
        && secretPosition == that.secretPosition
        && secretCount == that.secretCount
        && secretsName.equals(that.secretsName);
  }

  @Override
  public int hashCode() {
    return ((result.hashCode() * 31 + secretPosition) * 31 + secretCount) * 31 + secretsName.hashCode();
  }

  @Override
  public String toString() {
    return result + (isValid() || result == WebhookSignatureResult.BAD_SIGNATURE ? " (" + secretDescription + ")" : "");
  }
}
