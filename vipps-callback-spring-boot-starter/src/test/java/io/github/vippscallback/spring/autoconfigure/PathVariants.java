package io.github.vippscallback.spring.autoconfigure;

import java.util.List;

/**
 * The path and method tricks a stranger tries on the guarded {@code POST /vipps/class/payments}: path
 * parameters, doubled and encoded slashes, dot segments (plain, encoded, with parameters), a trailing
 * slash, other case, an encoded letter. None may reach the handler, on either web stack.
 */
final class PathVariants {

  private PathVariants() {}

  /** Targets that a lenient server may route to the guarded handler. */
  static List<String> strangerVariants() {
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
