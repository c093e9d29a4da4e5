package io.github.vippscallback.test.spring;

import io.github.vippscallback.test.LoopbackDnsExtension;
import java.lang.reflect.Field;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Adds {@value #PROPERTY} = the running server of a static {@link LoopbackDnsExtension} field, read when the
 * application asks for it (the extension starts its server before the class's first test, before Spring creates
 * the context). It ranks below a test's own properties ({@code @SpringBootTest(properties)}, {@code
 * @TestPropertySource}, {@code @DynamicPropertySource}) and above the application's configuration files, so a
 * test can still choose other servers, and an {@code application.properties} never sends a test to real DNS.
 * It sets nothing else: whether the allowlist may take the loopback addresses a test scripts stays the test's
 * own, visible choice ({@code vipps.callback.dns.accept-special-purpose-addresses}).
 */
final class LoopbackDnsContextCustomizer implements ContextCustomizer {

  /** The starter's property for its DNS servers. */
  static final String PROPERTY = "vipps.callback.dns.servers";
  /** The name of the property source. */
  static final String SOURCE = "vippsCallbackLoopbackDns";

  private final Field field;

  LoopbackDnsContextCustomizer(Field field) {
    this.field = field;
  }

  @Override
  public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
    MutablePropertySources sources = context.getEnvironment().getPropertySources();
    ExtensionAddress source = new ExtensionAddress(field);
    String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
    if (sources.contains(inlined)) {
      sources.addAfter(inlined, source);
    } else {
      sources.addFirst(source);
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof LoopbackDnsContextCustomizer that && field.equals(that.field);
  }

  @Override
  public int hashCode() {
    return field.hashCode();
  }

  /** {@value #PROPERTY} from the extension in {@code field}, asked each time. */
  private static final class ExtensionAddress extends PropertySource<Field> {

    ExtensionAddress(Field field) {
      super(SOURCE, field);
      field.setAccessible(true);
    }

    @Override
    public @Nullable Object getProperty(String name) {
      if (!PROPERTY.equals(name)) {
        return null;
      }
      try {
        Object extension = getSource().get(null);
        // Asked after the class's tests (its server stopped), it says nothing rather than fail a look-up.
        return extension instanceof LoopbackDnsExtension dns && dns.isRunning() ? dns.address() : null;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read the LoopbackDnsExtension in " + getSource(), e);
      }
    }
  }
}
