package io.github.vippscallback.guard;

import io.github.vippscallback.webhook.WebhookSignatureResult;
import io.github.vippscallback.webhook.WebhookTarget;
import io.github.vippscallback.webhook.WebhookVerification;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The WARN line for a webhook request refused by the signature check, the same for every web stack (the
 * servlet filter, a reactive filter): which check failed, for a signature that matched no secret how
 * many were tried, the URL reconstructed and verified against (scheme, host, path and query), the
 * request's peer, method, path and {@code x-ms-date}, and a hint when the likely cause is a proxy that
 * changed the host or path Vipps signed. It never holds a secret or a signature, and every
 * request-derived value is quoted and made safe by {@link HostileText}, the one sanitiser of every log
 * line of the guard, so that a hostile header cannot forge or hide a log line.
 *
 * <p>Build one per filter with its settings; {@link #line} makes the text of one refusal. The caller
 * rate-limits (this class only formats). Immutable and thread-safe.
 */
final class WebhookRefusalText {

  static final String HINT_PUBLIC_URL_HOST = "the request arrived for host %s but is verified against host %s"
      + " of %s; if Vipps was registered with a URL on another host, correct %s";
  static final String HINT_NO_PUBLIC_URL_BEHIND_PROXY = "no %s is set and the request came through a proxy,"
      + " so it is verified against the host and path the application sees, which a proxy may have changed;"
      + " set %s to the base of the URL registered with Vipps, e.g. https://shop.example.com";
  static final String HINT_WRONG_SECRET = "a wrong or mixed-up secret (each webhook registration has its own),"
      + " or a proxy that changed the host or path: compare verified-url with the URL registered with Vipps";

  private final String verb;
  private final @Nullable WebhookTarget publicUrl;
  private final String publicUrlSetting;
  private final boolean behindTrustedProxy;

  private WebhookRefusalText(
      String verb, @Nullable WebhookTarget publicUrl, String publicUrlSetting, boolean behindTrustedProxy) {
    this.verb = verb;
    this.publicUrl = publicUrl;
    this.publicUrlSetting = publicUrlSetting;
    this.behindTrustedProxy = behindTrustedProxy;
  }

  /**
   * A formatter for one filter.
   *
   * @param enforces whether the filter refuses ({@code refused}) or only reports ({@code would have been
   *     refused but was let through (report-only)})
   * @param publicUrl the public base URL configured, or {@code null}
   * @param publicUrlSetting the name of that setting as the user writes it, e.g. {@code
   *     vipps.callback.webhook.public-url} or {@code init-parameter public-url}
   * @param behindTrustedProxy whether the application trusts a proxy in front of it (then a missing
   *     public URL is a likely cause of a signature mismatch)
   * @return the formatter
   */
  static WebhookRefusalText of(
      boolean enforces,
      @Nullable WebhookTarget publicUrl,
      String publicUrlSetting,
      boolean behindTrustedProxy) {
    Objects.requireNonNull(publicUrlSetting, "publicUrlSetting");
    return new WebhookRefusalText(
        enforces ? "refused" : "would have been refused but was let through (report-only)",
        publicUrl, publicUrlSetting, behindTrustedProxy);
  }

  /**
   * What is known of one refused request; every value is hostile and is escaped in the line.
   *
   * @param peer the address of the TCP peer
   * @param method the request's method
   * @param path the raw request path as received
   * @param date the {@code x-ms-date} header, or {@code null}
   * @param host the host the request arrived for ({@code Host}: name and port), or {@code null}
   * @param forwarded whether the request carries forwarded headers ({@code Forwarded}, {@code
   *     X-Forwarded-For}, {@code X-Forwarded-Host}): it came through a proxy
   */
  record Request(
      @Nullable String peer,
      @Nullable String method,
      @Nullable String path,
      @Nullable String date,
      @Nullable String host,
      boolean forwarded) {}

  /**
   * The line for a request whose signature check failed.
   *
   * @param verification what the verifier found (not valid)
   * @param verifiedUrl the URL reconstructed and verified against, or {@code null} when none could be
   * @param request the request's facts
   * @param suppressed how many similar lines the caller's rate limit held back since the last one
   * @return the log line
   */
  String line(
      WebhookVerification verification, @Nullable WebhookTarget verifiedUrl, Request request, long suppressed) {
    Objects.requireNonNull(verification, "verification");
    StringBuilder line = start(verification.result().description(), request);
    if (verification.result() == WebhookSignatureResult.BAD_SIGNATURE) {
      line.append(" secrets=\"").append(HostileText.sanitize(verification.describeSecret())).append('"');
    }
    line.append(" verified-url=\"").append(verifiedUrl == null ? "-" : HostileText.sanitize(verifiedUrl.url())).append('"');
    if (verification.result() == WebhookSignatureResult.BAD_SIGNATURE) {
      line.append(" hint=\"").append(HostileText.sanitize(hint(request))).append('"');
    }
    return end(line, suppressed);
  }

  /**
   * The line for a request refused for a reason of the filter's own, e.g. a body over the limit.
   *
   * @param reason why the filter refused the request, e.g. a body over the limit
   * @param request the request's facts
   * @param suppressed how many similar lines the caller's rate limit left out since the last one
   * @return the log line
   */
  String line(String reason, Request request, long suppressed) {
    Objects.requireNonNull(reason, "reason");
    return end(start(reason, request), suppressed);
  }

  private StringBuilder start(String reason, Request request) {
    StringBuilder line = new StringBuilder(256);
    line.append("Vipps webhook ").append(verb).append(": reason=\"").append(HostileText.sanitize(reason)).append('"');
    value(line, "peer", request.peer());
    value(line, "method", request.method());
    value(line, "path", request.path());
    value(line, "host", request.host());
    value(line, "x-ms-date", request.date());
    return line;
  }

  private static String end(StringBuilder line, long suppressed) {
    if (suppressed > 0) {
      line.append(" (").append(suppressed).append(" similar lines suppressed)");
    }
    return line.toString();
  }

  /** Why the signature may not match, most likely cause first. */
  private String hint(Request request) {
    WebhookTarget base = publicUrl;
    String host = request.host();
    if (base != null && host != null && !base.host().equals(authority(base.scheme(), host))) {
      return String.format(HINT_PUBLIC_URL_HOST, quoted(request.host()), quoted(base.host()), publicUrlSetting,
          publicUrlSetting);
    }
    if (base == null && (behindTrustedProxy || request.forwarded())) {
      return String.format(HINT_NO_PUBLIC_URL_BEHIND_PROXY, publicUrlSetting, publicUrlSetting);
    }
    return HINT_WRONG_SECRET;
  }

  /** A {@code Host} value as Vipps signs it: lower case, without the scheme's default port. */
  private static String authority(String scheme, String host) {
    String lower = host.trim().toLowerCase(java.util.Locale.ROOT);
    String defaultPort = scheme.equals("https") ? ":443" : ":80";
    return lower.endsWith(defaultPort) ? lower.substring(0, lower.length() - defaultPort.length()) : lower;
  }

  private static String quoted(@Nullable String value) {
    return "'" + (value == null ? "-" : HostileText.sanitize(value)) + "'";
  }

  private static void value(StringBuilder line, String name, @Nullable String value) {
    line.append(' ').append(name).append("=\"").append(value == null ? "-" : HostileText.sanitize(value)).append('"');
  }


  @Override
  public String toString() {
    return "WebhookRefusalText{verb=" + verb + ", publicUrl=" + publicUrl + ", behindTrustedProxy="
        + behindTrustedProxy + "}";
  }
}
