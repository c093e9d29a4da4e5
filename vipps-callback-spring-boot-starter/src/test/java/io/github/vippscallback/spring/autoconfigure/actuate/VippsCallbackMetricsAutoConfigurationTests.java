package io.github.vippscallback.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.guard.CallbackObserver;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.spring.VippsAllowlistBuilderCustomizer;
import io.github.vippscallback.spring.actuate.VippsAllowlistMeterBinder;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class VippsCallbackMetricsAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class,
          SimpleMetricsExportAutoConfiguration.class,
          VippsCallbackMetricsAutoConfiguration.class));

  @Test
  void countsEachOutcomeThroughTheCallbackObserverBean() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        CallbackObserver observer = context.getBean(CallbackObserver.class);
        MeterRegistry registry = context.getBean(MeterRegistry.class);

        observer.onOutcome(CallbackOutcome.ALLOWED);
        observer.onOutcome(CallbackOutcome.ALLOWED);
        observer.onOutcome(CallbackOutcome.ALLOWED);
        observer.onOutcome(CallbackOutcome.DENIED);
        observer.onOutcome(CallbackOutcome.DENIED);
        observer.onOutcome(CallbackOutcome.UNAVAILABLE);

        assertThat(requests(registry, "allowed")).isEqualTo(3);
        assertThat(requests(registry, "denied")).isEqualTo(2);
        assertThat(requests(registry, "unavailable")).isEqualTo(1);
      });
    }
  }

  @Test
  void registersEveryRequestCounterBeforeTheFirstRequest() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        MeterRegistry registry = context.getBean(MeterRegistry.class);

        assertThat(registry.find("vipps.callback.requests").counters())
            .extracting(counter -> counter.getId().getTag("outcome"))
            .containsExactlyInAnyOrder("allowed", "denied", "peer_address_unreadable", "unavailable", "signature_invalid",
                "body_too_large");
        assertThat(registry.find("vipps.callback.requests").counters())
            .allSatisfy(counter -> assertThat(counter.count()).isZero());
      });
    }
  }

  @Test
  void gaugesTheNumberOfEntriesTheAllowlistLetsThrough() throws Exception {
    LoopbackDnsServer dns = LoopbackDnsServer.start();
    dns.answer(LoopbackAllowlist.MT_1, 1, "127.0.0.2");
    dns.answer(LoopbackAllowlist.MT_2, 1, "127.0.0.3");
    try (LoopbackAllowlist loopback = LoopbackAllowlist.started(dns, Duration.ofSeconds(1))) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        assertThat(addresses(registry)).isEqualTo(2);

        dns.answer(LoopbackAllowlist.MT_1, 1, "127.0.0.2", "127.0.0.4", "::1");

        await().atMost(Duration.ofSeconds(20)).until(() -> addresses(registry) == 4);
        assertThat(registry.get("vipps.callback.allowlist.addresses").gauge().getId().getTag("environment"))
            .isEqualTo("test");
      });
    }
  }

  @Test
  void gaugesZeroWhileDnsHasNeverAnswered() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.failing()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .run(context -> assertThat(addresses(context.getBean(MeterRegistry.class))).isZero());
    }
  }

  @Test
  void timesSuccessfulDnsRefreshesOfAnAllowlistBuiltWithTheCustomizerBean() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        LoopbackDnsServer dns = LoopbackDnsServer.start();
        dns.answer(LoopbackAllowlist.MT_1, 60, "127.0.0.2");
        dns.answer(LoopbackAllowlist.MT_2, 60, "127.0.0.3");

        try (VippsAllowlist customized = customized(context.getBean(VippsAllowlistBuilderCustomizer.class), dns)) {
          assertThat(customized.awaitFirstResolution(Duration.ofSeconds(20))).isTrue();

          await().atMost(Duration.ofSeconds(20)).until(() -> refreshes(registry, "success") == 4);
          assertThat(refreshes(registry, "failure")).isZero();
          assertThat(registry.get("vipps.callback.dns.refresh")
                  .tags("outcome", "success", "host", LoopbackAllowlist.MT_1, "type", "AAAA").timer().count())
              .isEqualTo(1);
          assertThat(registry.get("vipps.callback.dns.refresh").tag("outcome", "success").timers())
              .allSatisfy(timer -> assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive());
        } finally {
          dns.close();
        }
      });
    }
  }

  @Test
  void timesFailedDnsRefreshesOfAnAllowlistBuiltWithTheCustomizerBean() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        LoopbackDnsServer dns = LoopbackDnsServer.start();
        dns.behave(LoopbackAllowlist.MT_1, LoopbackDnsServer.Behaviour.SERVFAIL);
        dns.behave(LoopbackAllowlist.MT_2, LoopbackDnsServer.Behaviour.SERVFAIL);

        try (VippsAllowlist customized = customized(context.getBean(VippsAllowlistBuilderCustomizer.class), dns)) {
          assertThat(customized.awaitFirstResolution(Duration.ofSeconds(20))).isFalse();

          await().atMost(Duration.ofSeconds(20)).until(() -> refreshes(registry, "failure") >= 4);
          assertThat(refreshes(registry, "success")).isZero();
        } finally {
          dns.close();
        }
      });
    }
  }

  @Test
  void backsOffWhenMicrometerIsNotOnTheClassPath() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VippsCallbackMetricsAutoConfiguration.class))
          .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
          .withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .run(context -> assertThat(context).hasNotFailed()
              .doesNotHaveBean("vippsCallbackMetricsObserver")
              .doesNotHaveBean("vippsAllowlistMeterBinder")
              .doesNotHaveBean("vippsCallbackDnsRefreshMetrics"));
    }
  }

  @Test
  void backsOffWithoutAMeterRegistry() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VippsCallbackMetricsAutoConfiguration.class))
          .withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .run(context -> assertThat(context).hasNotFailed()
              .doesNotHaveBean(CallbackObserver.class)
              .doesNotHaveBean(VippsAllowlistMeterBinder.class)
              .doesNotHaveBean(VippsAllowlistBuilderCustomizer.class));
    }
  }

  @Test
  void backsOffWithoutAnAllowlist() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(CallbackObserver.class)
        .doesNotHaveBean(VippsAllowlistMeterBinder.class));
  }

  private static VippsAllowlist customized(VippsAllowlistBuilderCustomizer customizer, LoopbackDnsServer dns) {
    VippsAllowlist.Builder builder = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .queryTimeout(Duration.ofMillis(500))
        .retries(0);
    customizer.customize(builder);
    VippsAllowlist allowlist = builder.build();
    allowlist.start();
    return allowlist;
  }

  private static long refreshes(MeterRegistry registry, String outcome) {
    return registry.find("vipps.callback.dns.refresh").tag("outcome", outcome).timers().stream()
        .mapToLong(Timer::count).sum();
  }

  private static double requests(MeterRegistry registry, String outcome) {
    return registry.get("vipps.callback.requests").tag("outcome", outcome).counter().count();
  }

  private static double addresses(MeterRegistry registry) {
    return registry.get("vipps.callback.allowlist.addresses").gauge().value();
  }
}
