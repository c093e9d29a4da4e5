package io.github.vippscallback.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.test.LoopbackDnsExtension;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A static {@link LoopbackDnsExtension} field points the test's Spring context at its server: {@code
 * vipps.callback.dns.servers} is the running server's address, in the class and its nested classes, below the
 * test's own properties; the opt-in for special-purpose answers stays the test's to set.
 */
@SpringJUnitConfig(LoopbackDnsContextCustomizerTest.Empty.class)
class LoopbackDnsContextCustomizerTest {

  @RegisterExtension
  static final LoopbackDnsExtension dns = new LoopbackDnsExtension().answer("callback-mt-1.vipps.no", 60, "192.0.2.1");

  @Autowired
  Environment environment;

  @Test
  void staticExtensionFieldSetsTheDnsServersOfTheContext() {
    assertThat(environment.getProperty("vipps.callback.dns.servers")).isEqualTo(dns.address());
  }

  @Test
  void specialPurposeOptInIsLeftToTheTest() {
    assertThat(environment.getProperty("vipps.callback.dns.accept-special-purpose-addresses")).isNull();
  }

  @Nested
  class Nested_ {

    @Autowired
    Environment nestedEnvironment;

    @Test
    void nestedClassGetsTheEnclosingClassesServer() {
      assertThat(nestedEnvironment.getProperty("vipps.callback.dns.servers")).isEqualTo(dns.address());
    }
  }

  @Test
  void classWithoutAStaticExtensionGetsNothing() {
    assertThat(new LoopbackDnsContextCustomizerFactory().createContextCustomizer(String.class, List.of())).isNull();
  }

  @Test
  void customizersOfTheSameFieldAreEqualSoContextsAreCachedPerTestClass() {
    LoopbackDnsContextCustomizerFactory factory = new LoopbackDnsContextCustomizerFactory();

    assertThat(factory.createContextCustomizer(LoopbackDnsContextCustomizerTest.class, List.of()))
        .isEqualTo(factory.createContextCustomizer(Nested_.class, List.of()))
        .isNotEqualTo(factory.createContextCustomizer(LoopbackDnsContextCustomizerPrecedenceTest.class, List.of()));
  }

  /** No beans: only the environment matters here. */
  @Configuration(proxyBeanMethods = false)
  static class Empty {}
}
