package io.github.vippscallback.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackDnsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** A test that names its own DNS servers keeps them, though it registers a {@link LoopbackDnsExtension}. */
@SpringJUnitConfig(LoopbackDnsContextCustomizerTest.Empty.class)
@TestPropertySource(properties = "vipps.callback.dns.servers=192.0.2.53:53")
class LoopbackDnsContextCustomizerPrecedenceTest {

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension();

  @Autowired
  ConfigurableEnvironment environment;

  @Test
  void testsOwnPropertyWinsOverTheExtension() {
    assertThat(environment.getProperty("vipps.callback.dns.servers")).isEqualTo("192.0.2.53:53");
    assertThat(environment.getPropertySources().contains("vippsCallbackLoopbackDns")).isTrue();
  }
}
