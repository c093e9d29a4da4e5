package io.github.vippscallback.spring.autoconfigure;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;

/**
 * Whether the servlet container or a Spring filter rewrites the client address from forwarded headers
 * before the guard sees it ({@code server.forward-headers-strategy}, set or deduced from the cloud
 * platform), and what an operator should know about it.
 */
final class ForwardedHeadersAdvice {

  static final String STRATEGY = "server.forward-headers-strategy";

  private ForwardedHeadersAdvice() {}

  /** The effective strategy: {@code native}, {@code framework} or {@code none}. */
  static String strategy(Environment environment) {
    String configured = environment.getProperty(STRATEGY);
    if (configured != null && !configured.isBlank()) {
      return configured.trim().toLowerCase(Locale.ROOT);
    }
    CloudPlatform platform = CloudPlatform.getActive(environment);
    return platform != null && platform.isUsingForwardHeaders() ? "native" : "none";
  }

  /**
   * A warning to log, or {@code null} when the guard sees the connection's own peer address.
   *
   * @param reactive whether the application runs on WebFlux (the rewriters differ)
   */
  static @Nullable String warning(Environment environment, boolean reactive) {
    String strategy = strategy(environment);
    if ("none".equals(strategy)) {
      return null;
    }
    String rewriter;
    if (reactive) {
      rewriter = "framework".equals(strategy)
          ? "Spring's ForwardedHeaderTransformer replaces the client address with whatever X-Forwarded-For/"
              + "Forwarded say, from any client"
          : "Reactor Netty replaces the client address with whatever X-Forwarded-For/Forwarded say, from any "
              + "client";
    } else {
      rewriter = "framework".equals(strategy)
        ? "Spring's ForwardedHeaderFilter replaces the client address with whatever X-Forwarded-For/Forwarded "
            + "say, from any client"
        : "the servlet container replaces the client address from X-Forwarded-For for requests from its "
            + "internal proxies (Tomcat: server.tomcat.remoteip.internal-proxies, by default every private "
            + "and loopback range)";
    }
    return "Vipps callbacks: " + STRATEGY + " is '" + strategy + "': " + rewriter
        + ", before the guard sees it, so a client that can reach the application that way can claim to "
        + "be a Vipps server. Prefer " + STRATEGY + "=none with vipps.callback.trusted-proxies listing your "
        + "proxies, or narrow the container's trusted proxies to your own.";
  }
}
