package io.github.vippscallback.testfixtures;

import java.util.List;

/**
 * The path and method tricks a stranger tries on the guarded {@code POST /vipps/class/payments}: path
 * parameters, doubled and encoded slashes, dot segments (plain, encoded, with parameters), a trailing
 * slash, other case, an encoded letter. None may reach the handler, on either web stack. And the tricks
 * that start on another route of a gateway or proxy ({@code /shop/**}) and climb out of it.
 */
public final class PathVariants {

  private PathVariants() {}

  /**
   * Targets on another route ({@code /shop/...}) that a backend resolving dot segments, decoding once or
   * dropping path parameters routes to {@code guarded} (a path such as {@code /vipps/class/payments}):
   * what a gateway matching the raw path forwards unchanged.
   */
  public static List<String> gatewayVariants(String guarded) {
    return List.of(
        "/shop/.." + guarded,
        "/shop/%2e%2e" + guarded,
        "/shop/%2E%2E" + guarded,
        "/shop/..;" + guarded,
        "/shop/x/../.." + guarded,
        "/shop/.%2e" + guarded,
        "/shop/%2e." + guarded,
        "/shop/..;x=1" + guarded,
        "/shop//.." + guarded,
        "/shop/./.." + guarded,
        "/shop/%2e%2e%2f" + guarded.substring(1),
        "/shop/..%2f" + guarded.substring(1),
        "/shop/..%5c" + guarded.substring(1),
        "/shop/%2e%2e%5c" + guarded.substring(1));
  }

  /** The gateway tricks a servlet container passes on as they are (it refuses encoded slashes). */
  public static List<String> gatewayVariantsPassedByContainers(String guarded) {
    return gatewayVariants(guarded).stream().filter(target -> !target.contains("%2f") && !target.contains("%5c")
        && !target.contains("%2F") && !target.contains("%5C")).toList();
  }

  /** Targets that a lenient server may route to the guarded handler. */
  public static List<String> strangerVariants() {
    return List.of(
        "/vipps/class/payments;x",
        "/vipps/class;x/payments",
        "/vipps/class/payments;jsessionid=1",
        "//vipps/class/payments",
        "/vipps//class/payments",
        "/vipps/x/%2e%2e/class/payments",
        "/vipps/x/%2E%2E/class/payments",
        "/vipps%2Fclass/payments",
        "/vipps/class%2Fpayments",
        "/vipps/x/..;/class/payments",
        "/vipps/x/../class/payments",
        "/vipps/class/./payments",
        "/vipps/class/payments/",
        "/VIPPS/class/payments",
        "/vipps/class/pay%6dents");
  }
}
