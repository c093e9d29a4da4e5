package io.github.vippscallback.testfixtures;

/**
 * What the guard tells users and operators, written out as they read it, for the tests of every web
 * stack to assert: the problem bodies' details and the reasons of a refusal's WARN line. The guard's own
 * test checks that its texts are these, so a change of wording is a deliberate change of this file too.
 */
public final class GuardTexts {

  /** The {@code detail} of a 403. */
  public static final String DENIED_DETAIL =
      "This endpoint accepts requests only from the Vipps MobilePay request servers.";

  /** The {@code detail} of a 503. */
  public static final String UNAVAILABLE_DETAIL =
      "The addresses of the Vipps MobilePay request servers are not known yet. Retry later.";

  /** The {@code detail} of a 401 from the signature check. */
  public static final String UNAUTHORIZED_DETAIL = "The request does not carry a valid Vipps webhook signature.";

  /** The {@code detail} of a 413 from the signature check. */
  public static final String TOO_LARGE_DETAIL = "The request body is larger than this endpoint accepts.";

  /** The reason of a refusal of an address that is not a Vipps request server's. */
  public static final String REASON_NOT_ALLOWED = "the client address is not a Vipps request server";

  /** The reason of a refusal when no client address could be found. */
  public static final String REASON_NO_CLIENT =
      "no client address: a forwarded hop is missing, unparsable or obfuscated, or X-Forwarded-For and"
          + " Forwarded disagree";

  /** The reason of a 503. */
  public static final String REASON_UNAVAILABLE =
      "no Vipps request-server address is known yet (or all expired); answered 503 so Vipps retries";

  /** Added to a reason when forwarded headers came but no proxy is trusted. */
  public static final String HINT_HEADERS_IGNORED =
      " (forwarded headers ignored: no trusted proxies are configured)";

  private GuardTexts() {}
}
