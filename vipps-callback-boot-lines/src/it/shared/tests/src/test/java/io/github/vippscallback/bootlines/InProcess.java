package io.github.vippscallback.bootlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The consumer application started in the test's own JVM, for the checks that need sources or settings of
 * their own (the jar run, {@link StartedJarTests}, proves the main behaviours): on a random port, guarding
 * Vipps' production environment, with DNS on loopback; returned once the allowlist has resolved.
 */
final class InProcess {

  private InProcess() {}

  static ConfigurableApplicationContext start(LoopbackDnsServer dns, Class<?>[] sources, String... arguments)
      throws InterruptedException {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--vipps.callback.environment=prod",
        "--vipps.callback.dns.servers=" + dns.address(),
        // the DNS answers loopback addresses, where the requests come from
        "--vipps.callback.dns.accept-special-purpose-addresses=true"));
    args.addAll(List.of(arguments));
    ConfigurableApplicationContext context = new SpringApplication(sources).run(args.toArray(String[]::new));
    assertThat(context.getBean(VippsAllowlist.class).awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
    return context;
  }

  static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }
}
