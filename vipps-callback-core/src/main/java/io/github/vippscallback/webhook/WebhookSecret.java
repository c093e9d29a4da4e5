package io.github.vippscallback.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * One webhook secret, the {@code secret} Vipps returned when a webhook was registered, with an optional
 * label that names it in logs and metrics (the secret itself never appears there, nor in {@link
 * #toString()}). An endpoint that several registrations call, as during a secret rotation, has several.
 *
 * <p>{@link #parseList(String)} reads the form users write in a property or init-parameter: one or
 * more secrets separated by commas, each optionally preceded by a label and a colon, e.g. {@code
 * old:A0+AeKBR...==,new:k1Pz...==}. Vipps secrets are base64 (letters, digits, {@code +}, {@code /}
 * and {@code =}), so they hold neither {@code ,} nor {@code :}. Immutable.
 */
public final class WebhookSecret {

  /** The longest label: 32 characters. */
  public static final int MAX_LABEL_LENGTH = 32;

  private final @Nullable String label;
  private final SecretKeySpec key;

  private WebhookSecret(@Nullable String label, SecretKeySpec key) {
    this.label = label;
    this.key = key;
  }

  /**
   * A secret without a label, used as it is (no comma or colon is interpreted).
   *
   * @param secret the secret as Vipps returned it
   * @return the secret, unlabelled
   * @throws IllegalArgumentException when the secret is blank (the message does not echo it)
   */
  public static WebhookSecret of(String secret) {
    return new WebhookSecret(null, WebhookHmac.key(secret));
  }

  /**
   * A secret named by {@code label} in logs and metrics.
   *
   * @param label 1 to {@value #MAX_LABEL_LENGTH} letters, digits, {@code .}, {@code _} or {@code -},
   *     e.g. {@code 2026-11} or {@code old}
   * @param secret the secret as Vipps returned it
   * @return the labelled secret
   * @throws IllegalArgumentException when the label is not such, or the secret is blank
   */
  public static WebhookSecret labelled(String label, String secret) {
    Objects.requireNonNull(label, "label");
    if (!isLabel(label)) {
      throw new IllegalArgumentException("A webhook secret's label is 1 to " + MAX_LABEL_LENGTH
          + " letters, digits, '.', '_' or '-', e.g. old or 2026-11");
    }
    return new WebhookSecret(label, WebhookHmac.key(secret));
  }

  /**
   * The secrets in {@code text}: one or more entries separated by commas, each {@code secret} or
   * {@code label:secret}; spaces around entries, labels and secrets are ignored.
   *
   * @param text the list, e.g. {@code old:abc,new:def}
   * @return the secrets in the order written
   * @throws IllegalArgumentException when {@code text} is blank, an entry is empty, a label is not 1 to
   *     {@value #MAX_LABEL_LENGTH} letters, digits, {@code .}, {@code _} or {@code -}, or two entries
   *     have the same secret or label; the message names the entry by position, never by its text
   */
  public static List<WebhookSecret> parseList(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "The webhook secret is blank; set it to the secret Vipps returned when the webhook was registered");
    }
    String[] entries = text.split(",", -1);
    List<WebhookSecret> secrets = new ArrayList<>(entries.length);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      String where = "webhook secret #" + (i + 1) + " of " + entries.length;
      if (entry.isEmpty()) {
        throw new IllegalArgumentException("The " + where + " is empty; separate secrets by single commas,"
            + " e.g. old:<secret>,new:<secret>");
      }
      int colon = entry.indexOf(':');
      WebhookSecret secret;
      if (colon < 0) {
        secret = of(entry);
      } else {
        String label = entry.substring(0, colon).trim();
        String value = entry.substring(colon + 1).trim();
        if (!isLabel(label)) {
          throw new IllegalArgumentException("The label before ':' of the " + where + " must be 1 to "
              + MAX_LABEL_LENGTH + " letters, digits, '.', '_' or '-' (Vipps secrets hold no ':')");
        }
        if (value.isEmpty()) {
          throw new IllegalArgumentException("The " + where + " (label " + label + ") has no secret after ':'");
        }
        secret = labelled(label, value);
      }
      secrets.add(secret);
    }
    checkDistinct(secrets);
    return List.copyOf(secrets);
  }

  /**
   * Refuses two entries with the same secret (one registration listed twice: the second could never be
   * told apart) or the same label.
   */
  static void checkDistinct(List<WebhookSecret> secrets) {
    for (int i = 0; i < secrets.size(); i++) {
      for (int j = 0; j < i; j++) {
        WebhookSecret a = secrets.get(j);
        WebhookSecret b = secrets.get(i);
        if (java.security.MessageDigest.isEqual(a.key.getEncoded(), b.key.getEncoded())) {
          throw new IllegalArgumentException("Webhook secrets #" + (j + 1) + " and #" + (i + 1) + " of "
              + secrets.size() + " are the same secret; list each registration's secret once");
        }
        if (a.label != null && a.label.equals(b.label)) {
          throw new IllegalArgumentException("Webhook secrets #" + (j + 1) + " and #" + (i + 1) + " of "
              + secrets.size() + " have the same label '" + a.label + "'; give each its own");
        }
      }
    }
  }

  private static boolean isLabel(String label) {
    if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * The label, or {@code null} when the secret has none.
   *
   * @return the label, or {@code null}
   */
  public @Nullable String label() {
    return label;
  }

  SecretKeySpec key() {
    return key;
  }

  /** Shows the label only: never the secret. */
  @Override
  public String toString() {
    return label == null ? "WebhookSecret{unlabelled}" : "WebhookSecret{label=" + label + "}";
  }
}
