package io.github.vippscallback.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.actuate.AllowlistSnapshot;
import io.github.vippscallback.spring.actuate.VippsCallbackEndpoint;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class VippsCallbackEndpointAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VippsCallbackEndpointAutoConfiguration.class));

  @Test
  void showsEnvironmentReadinessEntriesAndHostsWhenExposed() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withPropertyValues("management.endpoints.web.exposure.include=vippscallback")
          .run(context -> {
            AllowlistSnapshot snapshot = context.getBean(VippsCallbackEndpoint.class).allowlist();

            assertThat(snapshot.environment()).isEqualTo("test");
            assertThat(snapshot.ready()).isTrue();
            assertThat(snapshot.entries()).containsExactly("127.0.0.2/32", "127.0.0.3/32");
            assertThat(snapshot.hosts()).extracting(AllowlistSnapshot.Host::host)
                .containsExactly(LoopbackAllowlist.MT_1, LoopbackAllowlist.MT_2);
            assertThat(snapshot.hosts()).extracting(AllowlistSnapshot.Host::addresses)
                .containsExactly(List.of("127.0.0.2"), List.of("127.0.0.3"));
          });
    }
  }

  @Test
  void showsNotReadyAndTheDnsErrorsWhenDnsFailsFromTheStart() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.failing()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withPropertyValues("management.endpoints.web.exposure.include=vippscallback")
          .run(context -> {
            AllowlistSnapshot snapshot = context.getBean(VippsCallbackEndpoint.class).allowlist();

            assertThat(snapshot.ready()).isFalse();
            assertThat(snapshot.entries()).isEmpty();
            assertThat(snapshot.hosts()).hasSize(2)
                .allSatisfy(host -> assertThat(host.lastError()).isNotBlank());
          });
    }
  }

  @Test
  void showsTheAllowlistAsItIsNowNotAsItWasAtStartUp() throws Exception {
    LoopbackDnsServer dns = LoopbackDnsServer.start();
    dns.answer(LoopbackAllowlist.MT_1, 1, "127.0.0.2");
    dns.answer(LoopbackAllowlist.MT_2, 1, "127.0.0.3");
    try (LoopbackAllowlist loopback = LoopbackAllowlist.started(dns, Duration.ofSeconds(1))) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withPropertyValues("management.endpoints.web.exposure.include=vippscallback")
          .run(context -> {
            VippsCallbackEndpoint endpoint = context.getBean(VippsCallbackEndpoint.class);
            assertThat(endpoint.allowlist().entries()).containsExactly("127.0.0.2/32", "127.0.0.3/32");

            dns.answer(LoopbackAllowlist.MT_1, 1, "127.0.0.4");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(endpoint.allowlist().entries()).containsExactly("127.0.0.3/32", "127.0.0.4/32"));
          });
    }
  }

  @Test
  void isAbsentWhenNotExposed() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .run(context -> assertThat(context).doesNotHaveBean(VippsCallbackEndpoint.class));
    }
  }

  @Test
  void isAbsentWhenAccessIsNone() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withPropertyValues(
              "management.endpoints.web.exposure.include=vippscallback",
              "management.endpoint.vippscallback.access=NONE")
          .run(context -> assertThat(context).doesNotHaveBean(VippsCallbackEndpoint.class));
    }
  }

  @Test
  void isAbsentWhenTheActuatorIsNotOnTheClassPath() throws Exception {
    try (LoopbackAllowlist loopback = LoopbackAllowlist.ready()) {
      runner.withBean(VippsAllowlist.class, () -> loopback.allowlist)
          .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
          .withPropertyValues("management.endpoints.web.exposure.include=vippscallback")
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("vippsCallbackEndpoint"));
    }
  }

  @Test
  void isAbsentWithoutAnAllowlist() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=vippscallback")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VippsCallbackEndpoint.class));
  }
}
