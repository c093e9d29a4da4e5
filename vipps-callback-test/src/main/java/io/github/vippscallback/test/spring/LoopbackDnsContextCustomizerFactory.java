package io.github.vippscallback.test.spring;

import io.github.vippscallback.test.LoopbackDnsExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points a Spring test's application context at the test class's {@link LoopbackDnsExtension}: when the class
 * (or a class it extends or is nested in) registers the extension in a static field, the context gets {@code
 * vipps.callback.dns.servers} = that extension's server, with no {@code @DynamicPropertySource} of the test's
 * own. Registered in {@code META-INF/spring.factories}, so Spring's TestContext framework finds it whenever
 * this artifact is on a test class path.
 */
public final class LoopbackDnsContextCustomizerFactory implements ContextCustomizerFactory {

  /** Created by Spring's TestContext framework. */
  public LoopbackDnsContextCustomizerFactory() {}

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    Field field = extensionField(testClass);
    return field == null ? null : new LoopbackDnsContextCustomizer(field);
  }

  /** The first static {@link LoopbackDnsExtension} field of the class, its superclasses or enclosing classes. */
  static @Nullable Field extensionField(Class<?> testClass) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
        for (Field field : level.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) && LoopbackDnsExtension.class.isAssignableFrom(field.getType())) {
            return field;
          }
        }
      }
    }
    return null;
  }
}
