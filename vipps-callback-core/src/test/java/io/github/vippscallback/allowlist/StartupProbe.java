package io.github.vippscallback.allowlist;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Drives one allowlist for {@link StartupClassLoadingTest} from inside its isolating class loader, so that
 * the allowlist and dnsjava are that loader's own copies. Commands and answers are strings, the
 * only type both loaders share: {@code build}, {@code start}, {@code decide <address>}, {@code status},
 * {@code await}, {@code close}.
 */
final class StartupProbe implements Function<String, String> {

  private final String dnsServer;
  private @Nullable VippsAllowlist allowlist;

  StartupProbe(String dnsServer) {
    this.dnsServer = dnsServer;
  }

  @Override
  public String apply(String command) {
    String[] words = command.split(" ", 2);
    switch (words[0]) {
      case "build":
        allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
            .dnsServers(List.of(dnsServer))
            .minTtl(Duration.ofMinutes(1))
            .build();
        return "built";
      case "start":
        allowlist().start();
        return "started";
      case "decide":
        return allowlist().decide(words[1]).name();
      case "status":
        AllowlistStatus status = allowlist().status();
        return "ready=" + status.ready() + " hosts=" + status.hosts().stream()
            .map(host -> host.host() + host.addresses())
            .collect(Collectors.joining(","));
      case "await":
        try {
          return String.valueOf(allowlist().awaitFirstResolution(Duration.ofSeconds(20)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "interrupted";
        }
      case "close":
        allowlist().close();
        return "closed";
      default:
        throw new IllegalArgumentException("unknown probe command: " + command);
    }
  }

  private VippsAllowlist allowlist() {
    VippsAllowlist built = allowlist;
    if (built == null) {
      throw new IllegalStateException("build first");
    }
    return built;
  }
}
