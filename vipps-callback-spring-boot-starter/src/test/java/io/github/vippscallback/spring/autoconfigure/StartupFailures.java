package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vippscallback.spring.testapp.CallbackDns;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts applications that must not start, and finds the starter's reason in what stopped them. */
final class StartupFailures {

  private StartupFailures() {}

  /**
   * An application of {@code sources} on a free port for {@code vipps.callback.environment=prod}, asking a DNS
   * server on loopback that knows no name (so it never waits for the real one): what the start-up checks see.
   */
  static SpringApplicationBuilder prodApplication(Class<?>... sources) {
    return new SpringApplicationBuilder(sources).properties(
        "server.port=0",
        "vipps.callback.environment=prod",
        "vipps.callback.dns.servers=" + CallbackDns.EMPTY.address());
  }

  /** Runs {@code application} and closes it again; the failure that stopped it, or {@code null}. */
  static @Nullable Throwable start(SpringApplicationBuilder application) {
    return catchThrowable(() -> {
      try (ConfigurableApplicationContext context = application.run()) {
        context.getId();
      }
    });
  }

  /** The {@code type} in the cause chain of {@code failure}. */
  static <T extends Throwable> T causeOf(@Nullable Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    throw new AssertionError("the start-up did not fail with a " + type.getSimpleName(), failure);
  }

  /** What Spring Boot prints for a {@link VippsCallbackNotGuardedException} in {@code failure}. */
  static FailureAnalysis notGuardedAnalysis(@Nullable Throwable failure) {
    return Objects.requireNonNull(
        new VippsCallbackNotGuardedFailureAnalyzer().analyze(Objects.requireNonNull(failure)));
  }

  /**
   * Asserts that {@code failure} is the starter's refusal of the shadowing test applications' chain {@code
   * openVippsChain} (everything under {@code /vipps} open to everyone, ordered first, in front of {@code
   * MixedController}): every shadowed endpoint named, the starter's chain {@code starterChain}, and the ways
   * out with {@code orderConstant}; the failure analysis says the same.
   */
  static void assertOpenVippsChainShadows(@Nullable Throwable failure, String starterChain, String orderConstant) {
    VippsCallbackNotGuardedException cause = causeOf(failure, VippsCallbackNotGuardedException.class);
    assertThat(cause.description())
        .contains("'" + starterChain + "'")
        .contains("POST /vipps/orders/{orderId} (checked as POST /vipps/orders/x): chain 'openVippsChain'")
        .contains("PATCH,PUT /vipps/multi/a", "PATCH,PUT /vipps/multi/b")
        .doesNotContain("/webhooks/payment");
    assertThat(cause.action())
        .contains("Order 'openVippsChain' after " + orderConstant)
        .contains("exclude these endpoints' paths from its securityMatcher")
        .contains("'vippsRequestServers'", "remove @VippsCallback");
    FailureAnalysis analysis = notGuardedAnalysis(failure);
    assertThat(analysis.getDescription()).startsWith("The Vipps callback endpoints would not be guarded:");
    assertThat(analysis.getAction()).isEqualTo(cause.action());
  }
}
