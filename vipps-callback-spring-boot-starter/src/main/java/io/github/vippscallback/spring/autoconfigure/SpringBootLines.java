package io.github.vippscallback.spring.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one place that knows what differs between the Spring Boot lines the starter supports: the names of
 * Boot's own auto-configurations it is ordered against (Boot 4 moved them into new packages; an ordering
 * name that is not on the class path is ignored, so each list names both lines), and which lines are
 * supported, tested, too old or newer than tested ({@link SpringBootLineCheck} acts on that).
 *
 * <p>Spring Security 6.5 (Boot 3.5) and 7 (Boot 4) differ in the {@code AuthorizationManager} method that
 * is abstract; the starter's managers implement both ({@code VippsRequestServersAuthorizationManager}).
 */
final class SpringBootLines {

  // Boot 4.x: spring-boot-security, spring-boot-webmvc, spring-boot-webflux.
  static final String SERVLET_WEB_SECURITY_4 =
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration";
  static final String MANAGEMENT_WEB_SECURITY_4 =
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";
  static final String REACTIVE_WEB_SECURITY_4 =
      "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration";
  static final String REACTIVE_MANAGEMENT_WEB_SECURITY_4 =
      "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration";
  /**
   * Named in the starter's reactive ordering so that it stays ahead of the reactive management security:
   * ordering the starter after that one alone puts it ahead of this (the sorter visits the starter's
   * names first), and the management security's deny-all authentication manager then makes this back
   * off, ignoring {@code spring.security.user.*}.
   */
  static final String REACTIVE_USER_DETAILS_4 =
      "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration";
  static final String WEB_MVC_4 = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration";
  static final String WEB_FLUX_4 = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration";

  // Boot 3.5: spring-boot-autoconfigure and spring-boot-actuator-autoconfigure.
  static final String SERVLET_WEB_SECURITY_3 =
      "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration";
  static final String MANAGEMENT_WEB_SECURITY_3 =
      "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration";
  static final String REACTIVE_WEB_SECURITY_3 =
      "org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration";
  static final String REACTIVE_MANAGEMENT_WEB_SECURITY_3 =
      "org.springframework.boot.actuate.autoconfigure.security.reactive.ReactiveManagementWebSecurityAutoConfiguration";
  static final String REACTIVE_USER_DETAILS_3 =
      "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration";
  static final String WEB_MVC_3 = "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration";
  static final String WEB_FLUX_3 = "org.springframework.boot.autoconfigure.web.reactive.WebFluxAutoConfiguration";

  /** The reactive web application context interface: Boot 4's, then Boot 3's. */
  static final List<String> REACTIVE_WEB_APPLICATION_CONTEXT = List.of(
      "org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext",
      "org.springframework.boot.web.reactive.context.ReactiveWebApplicationContext");

  /** The lines the starter supports, each tested by the Boot-line matrix (module vipps-callback-boot-lines). */
  static final List<String> SUPPORTED = List.of("3.5", "4.0", "4.1");

  /** What a line means for the starter. */
  enum Support {
    /** A supported line ({@link #SUPPORTED}). */
    SUPPORTED,
    /** Older than the oldest supported line: the starter refuses to start. */
    TOO_OLD,
    /** Newer than the newest tested line: the starter starts and warns once. */
    NEWER_THAN_TESTED
  }

  private SpringBootLines() {}

  /**
   * What {@code version} (Spring Boot's, e.g. {@code 3.5.7}, {@code 4.1.0-RC1}) means for the starter;
   * {@code null} when there is none or it is not {@code MAJOR.MINOR...}.
   */
  static @Nullable Support support(@Nullable String version) {
    if (version == null) {
      return null;
    }
    int[] majorMinor = majorMinor(version);
    if (majorMinor == null) {
      return null;
    }
    String line = majorMinor[0] + "." + majorMinor[1];
    if (SUPPORTED.contains(line)) {
      return Support.SUPPORTED;
    }
    String newest = SUPPORTED.get(SUPPORTED.size() - 1);
    int[] newestLine = majorMinor(newest);
    int[] oldestLine = majorMinor(SUPPORTED.get(0));
    if (newestLine == null || oldestLine == null) {
      throw new IllegalStateException("bad supported line list " + SUPPORTED);
    }
    if (compare(majorMinor, oldestLine) < 0) {
      return Support.TOO_OLD;
    }
    // A line between two supported ones does not exist today; were it to, it is not tested either.
    return compare(majorMinor, newestLine) > 0 ? Support.NEWER_THAN_TESTED : Support.TOO_OLD;
  }

  /** The supported lines as text, e.g. {@code 3.5.x, 4.0.x and 4.1.x}. */
  static String supportedText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < SUPPORTED.size(); i++) {
      if (i > 0) {
        text.append(i == SUPPORTED.size() - 1 ? " and " : ", ");
      }
      text.append(SUPPORTED.get(i)).append(".x");
    }
    return text.toString();
  }

  private static int compare(int[] a, int[] b) {
    return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
  }

  private static int @Nullable [] majorMinor(String version) {
    String[] parts = version.trim().split("[.\\-]", 3);
    if (parts.length < 2) {
      return null;
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
