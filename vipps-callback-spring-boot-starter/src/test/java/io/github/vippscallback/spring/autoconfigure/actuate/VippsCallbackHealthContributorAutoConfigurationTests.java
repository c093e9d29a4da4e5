package io.github.vippscallback.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.spring.actuate.AllowlistSnapshot;
import io.github.vippscallback.spring.actuate.VippsCallbackHealthIndicator;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class VippsCallbackHealthContributorAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          VippsCallbackHealthContributorAutoConfiguration.class,
          HealthContributorAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class));

  @Test
  void reportsUpWithEnvironmentEntriesAndPerHostDetailsWhenAllowlistIsReady() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        Health health = context.getBean(VippsCallbackHealthIndicator.class).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
            .containsEntry("environment", "test")
            .containsEntry("entries", List.of("127.0.0.2/32", "127.0.0.3/32"));
        assertThat(hosts(health)).satisfiesExactly(
            mt1 -> {
              assertThat(mt1.host()).isEqualTo(LoopbackAllowlist.MT_1);
              assertThat(mt1.addresses()).containsExactly("127.0.0.2");
              assertThat(mt1.ttl()).isEqualTo("PT1M");
              assertThat(mt1.lastSuccess()).isNotNull();
              assertThat(mt1.lastError()).isNull();
              assertThat(mt1.stale()).isFalse();
            },
            mt2 -> {
              assertThat(mt2.host()).isEqualTo(LoopbackAllowlist.MT_2);
              assertThat(mt2.addresses()).containsExactly("127.0.0.3");
            });
      });
    }
  }

  @Test
  void reportsDownWithTheDnsErrorWhenDnsFailsFromTheStart() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.failing()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        Health health = context.getBean(VippsCallbackHealthIndicator.class).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
            .containsEntry("environment", "test")
            .containsEntry("entries", List.of());
        assertThat(hosts(health)).hasSize(2).allSatisfy(host -> {
          assertThat(host.addresses()).isEmpty();
          assertThat(host.lastSuccess()).isNull();
          assertThat(host.lastError()).isNotBlank();
          assertThat(host.stale()).isFalse();
        });
      });
    }
  }

  @Test
  void namesTheAddressesTheAddressPolicyRefusedPerHost() throws Exception {
    try (LoopbackDnsServer dns = LoopbackAllowlist.answeringDns();
        VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST) // loopback answers refused
            .dnsServers(List.of(dns.address()))
            .build()) {
      allowlist.start();
      allowlist.awaitFirstResolution(Duration.ofSeconds(30));
      runner.withBean(VippsAllowlist.class, () -> allowlist).run(context -> {
        Health health = context.getBean(VippsCallbackHealthIndicator.class).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(hosts(health)).satisfiesExactly(
            mt1 -> {
              assertThat(mt1.refused()).containsExactly("127.0.0.2 in 127.0.0.0/8 Loopback (RFC 1122)");
              assertThat(mt1.lastError()).contains("refused by the address policy");
            },
            mt2 -> assertThat(mt2.refused()).containsExactly("127.0.0.3 in 127.0.0.0/8 Loopback (RFC 1122)"));
      });
    }
  }

  @Test
  void registersTheContributorUnderTheNameVippsCallback() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist).run(context -> {
        HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);

        assertThat(registry.getContributor("vippsCallback"))
            .isSameAs(context.getBean("vippsCallbackHealthIndicator"))
            .isInstanceOf(HealthIndicator.class);
      });
    }
  }

  @Test
  void backsOffWhenHealthSupportIsNotOnTheClassPath() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VippsCallbackHealthContributorAutoConfiguration.class))
          .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
          .withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .run(context -> assertThat(context).hasNotFailed()
              .doesNotHaveBean("vippsCallbackHealthIndicator"));
    }
  }

  @Test
  void backsOffWhenDisabledByProperty() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withPropertyValues("management.health.vippscallback.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(VippsCallbackHealthIndicator.class));
    }
  }

  @Test
  void backsOffWhenDefaultHealthIndicatorsAreDisabled() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withPropertyValues("management.health.defaults.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(VippsCallbackHealthIndicator.class));
    }
  }

  @Test
  void backsOffWithoutAnAllowlist() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(VippsCallbackHealthIndicator.class));
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnVippsCallbackHealthIndicator() throws Exception {
    HealthIndicator own = () -> Health.up().withDetail("own", true).build();
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withBean("vippsCallbackHealthIndicator", HealthIndicator.class, () -> own)
          .run(context -> {
            assertThat(context).doesNotHaveBean(VippsCallbackHealthIndicator.class);
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("vippsCallback"))
                .isSameAs(own);
          });
    }
  }

  private static List<AllowlistSnapshot.Host> hosts(Health health) {
    if (!(health.getDetails().get("hosts") instanceof List<?> hosts)) {
      throw new AssertionError("health details have no list of hosts: " + health.getDetails());
    }
    return hosts.stream().map(AllowlistSnapshot.Host.class::cast).toList();
  }
}
