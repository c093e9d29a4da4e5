package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import io.github.vippscallback.spring.actuate.AllowlistSnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What the starter reaches reflectively, for native images (Spring AOT applies it through
 * {@code META-INF/spring/aot.factories}):
 *
 * <ul>
 *   <li>the JDK proxy of {@code HttpServletRequest} the start-up check sends through the security chains
 *       ({@link RepresentativeRequest});
 *   <li>the JDK proxy Spring synthesizes for {@link VippsCallback} when it sits on an annotation of the
 *       application's own (a meta-annotation), and the attribute methods read from it;
 *   <li>the failure analyzers, which Spring Boot instantiates from {@code spring.factories};
 *   <li>the health details and endpoint response ({@link AllowlistSnapshot}), which Jackson writes by
 *       reflection;
 *   <li>on Spring Boot 3.5, the health contributor: a JDK proxy of Boot 3's {@code HealthIndicator} that
 *       builds Boot 3's {@code Health} reflectively ({@code actuate.Boot3HealthIndicator}).
 * </ul>
 */
final class VippsCallbackRuntimeHints implements RuntimeHintsRegistrar {

  static final String HTTP_SERVLET_REQUEST = "jakarta.servlet.http.HttpServletRequest";
  static final String BOOT3_HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
  static final String BOOT3_HEALTH = "org.springframework.boot.actuate.health.Health";

  private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

  @Override
  public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
    hints.proxies().registerJdkProxy(TypeReference.of(HTTP_SERVLET_REQUEST));
    hints.proxies().registerJdkProxy(VippsCallback.class);
    hints.reflection().registerType(VippsCallback.class, MemberCategory.INVOKE_PUBLIC_METHODS);
    hints.reflection().registerType(VippsCallbackFailureAnalyzer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
    hints.reflection().registerType(
        VippsCallbackNotGuardedFailureAnalyzer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
    bindings.registerReflectionHints(hints.reflection(), AllowlistSnapshot.class, AllowlistSnapshot.Host.class);
    if (ClassUtils.isPresent(BOOT3_HEALTH_INDICATOR, classLoader)) {
      hints.proxies().registerJdkProxy(TypeReference.of(BOOT3_HEALTH_INDICATOR));
      hints.reflection().registerType(TypeReference.of(BOOT3_HEALTH), MemberCategory.INVOKE_PUBLIC_METHODS);
      hints.reflection().registerType(TypeReference.of(BOOT3_HEALTH + "$Builder"), MemberCategory.INVOKE_PUBLIC_METHODS);
    }
  }
}
