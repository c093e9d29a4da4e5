package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import java.util.List;

/**
 * The application has Vipps callback endpoints (or chose a Vipps environment) that the starter cannot put its
 * guard in front of, so it must not start: serving them would let anyone call them while the log said they
 * were guarded. Spring Boot's failure analysis shows {@link #description()} and {@link #action()}.
 *
 * <p>The static factories hold the messages, so that every web stack says the same thing the same way.
 */
public final class VippsCallbackNotGuardedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** How a chain from Spring Security's {@code web.ignoring()} is named in the messages. */
  static final String WEB_IGNORING = "web.ignoring()";

  /** What would be unguarded, and why. */
  private final String description;
  /** What to do about it. */
  private final String action;

  /**
   * Creates the exception.
   *
   * @param description what would be unguarded, and why
   * @param action what to do about it
   */
  public VippsCallbackNotGuardedException(String description, String action) {
    super(description + " Action: " + action);
    this.description = description;
    this.action = action;
  }

  /**
   * What would be unguarded, and why.
   *
   * @return the description, for the failure analysis
   */
  public String description() {
    return description;
  }

  /**
   * What to do about it.
   *
   * @return the action, for the failure analysis
   */
  public String action() {
    return action;
  }

  /**
   * Security filter chains ordered before the starter's own match guarded endpoints, so their rules, not the
   * address check, would decide who reaches them.
   *
   * @param starterChain the bean name of the starter's chain, e.g. {@code vippsCallbackSecurityFilterChain}
   * @param orderConstant where the starter's chain is ordered, as the user would write it in code
   * @param findings one line per shadowed endpoint, e.g.
   *     {@code POST /vipps/orders/{orderId} (checked as POST /vipps/orders/x): chain 'openChain'}
   * @param chains the bean names (or descriptions) of the shadowing chains
   * @return the exception
   */
  public static VippsCallbackNotGuardedException shadowedBy(
      String starterChain, String orderConstant, List<String> findings, List<String> chains) {
    String names = quoted(chains);
    return new VippsCallbackNotGuardedException(
        findings.size() + " guarded endpoint(s) would be handled by a security filter chain ordered before the"
            + " starter's chain '" + starterChain + "', so that chain's rules, not the check of Vipps' request"
            + " servers, would decide who reaches them:\n" + lines(findings),
        "Order " + names + " after " + orderConstant + " (e.g. @Order(" + orderConstant + " + 1)), or exclude"
            + " these endpoints' paths from its securityMatcher. If " + names + " guards these endpoints itself"
            + " with the 'vippsRequestServers' AuthorizationManager, remove @VippsCallback from them (and their"
            + " paths from vipps.callback.paths): the starter then leaves them to your chain."
            + (names.contains(WEB_IGNORING) ? " Spring Security's web.ignoring() (a WebSecurityCustomizer) puts a"
                + " chain without any check before every other: remove the guarded paths from web.ignoring()." : ""));
  }

  /**
   * A security filter chain ordered before the starter's own could not be asked whether it takes a guarded
   * endpoint's requests (its request matcher failed on a representative request).
   *
   * @param chain the chain's bean name or description
   * @param endpoint the endpoint and the representative request
   * @param failure what the chain's matcher threw
   * @param orderConstant where the starter's chain is ordered
   * @return the exception
   */
  public static VippsCallbackNotGuardedException undecidable(
      String chain, String endpoint, Throwable failure, String orderConstant) {
    return new VippsCallbackNotGuardedException(
        "The security filter chain '" + chain + "' is ordered before the starter's chain, and its request matcher"
            + " failed on a representative request for the guarded endpoint " + endpoint + " (" + failure
            + "), so the starter cannot tell whether that chain would take the endpoint's requests.",
        "Order '" + chain + "' after " + orderConstant + " (e.g. @Order(" + orderConstant + " + 1)).");
  }

  /**
   * Guarded endpoints exist, but none of the starter's guards is in place, e.g. because an auto-configuration
   * of the starter was excluded.
   *
   * @param endpoints the guarded endpoints
   * @param missing which guard is missing and what would have defined it
   * @param action what to do about it
   * @return the exception
   */
  public static VippsCallbackNotGuardedException missingGuard(
      List<CallbackEndpoint> endpoints, String missing, String action) {
    return new VippsCallbackNotGuardedException(
        "No guard is in front of the " + endpoints.size() + " Vipps callback endpoint(s) " + endpoints + ": "
            + missing + ".",
        action + " Or set vipps.callback.enabled=false to switch the starter off knowingly.");
  }

  /**
   * The application asks for Vipps callbacks ({@code vipps.callback.environment}, {@code @VippsCallback}
   * handlers) on a stack the starter has no guard for.
   *
   * @param stack what kind of application this is, e.g. {@code a reactive (WebFlux) web application}
   * @param asked what asks for a guard: the property and its value, the annotated handlers
   * @param supported what the starter guards, and how to get there
   * @return the exception
   */
  public static VippsCallbackNotGuardedException unsupportedStack(String stack, List<String> asked, String supported) {
    return new VippsCallbackNotGuardedException(
        "This application asks for Vipps callbacks to be guarded:\n" + lines(asked)
            + "but it is " + stack + ", for which the starter has no guard: every request would reach these"
            + " handlers unchecked.",
        supported + " If the application should not guard Vipps callbacks, remove vipps.callback.environment and"
            + " @VippsCallback, or set vipps.callback.enabled=false.");
  }

  private static String lines(List<String> items) {
    StringBuilder text = new StringBuilder();
    for (String item : items) {
      text.append("    - ").append(item).append('\n');
    }
    return text.toString();
  }

  private static String quoted(List<String> names) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        text.append(i == names.size() - 1 ? " and " : ", ");
      }
      text.append('\'').append(names.get(i)).append('\'');
    }
    return text.toString();
  }
}
