package io.github.vippscallback.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringVersion;
import org.springframework.util.ClassUtils;

/**
 * Before any bean exists, checks the Spring Boot line the application runs on ({@link SpringBootLines}):
 * on a supported line it says nothing; on a line older than the oldest supported one (Boot 3.4 and older,
 * Boot 2 with {@code javax.servlet}) it stops the start-up with a message naming the detected versions, the
 * supported lines and what to use instead; on a line newer than the newest tested one it starts and logs
 * one WARN naming the tested lines. Registered in {@code META-INF/spring.factories}, which every Boot line
 * reads, and written against nothing but Spring Framework and {@code SpringBootVersion}, which every line
 * has, so that it runs where the auto-configurations cannot.
 */
final class SpringBootLineCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Logger log = LoggerFactory.getLogger(SpringBootLineCheck.class);
  private static final AtomicBoolean warned = new AtomicBoolean();

  /** Added in Spring Boot 3.5 and kept in 4: its absence marks an older line when no version is readable. */
  private static final String BOOT_3_5_MARKER =
      "org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty";
  private static final String SPRING_SECURITY_VERSION =
      "org.springframework.security.core.SpringSecurityCoreVersion";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ClassLoader classLoader = context.getClassLoader() == null
        ? SpringBootLineCheck.class.getClassLoader() : context.getClassLoader();
    @Nullable String boot = SpringBootVersion.getVersion();
    SpringBootLines.@Nullable Support support = SpringBootLines.support(boot);
    if (support == null) {
      support = ClassUtils.isPresent(BOOT_3_5_MARKER, classLoader)
          ? SpringBootLines.Support.SUPPORTED : SpringBootLines.Support.TOO_OLD;
    }
    if (support == SpringBootLines.Support.TOO_OLD) {
      throw new IllegalStateException(unsupportedMessage(detected(boot, classLoader)));
    }
    if (support == SpringBootLines.Support.NEWER_THAN_TESTED && warned.compareAndSet(false, true)) {
      log.warn("vipps-callback-spring-boot-starter runs on {}, newer than the Spring Boot lines it was tested"
          + " with ({}); check that every Vipps callback is still guarded (the start-up line says by what)",
          detected(boot, classLoader), SpringBootLines.supportedText());
    }
  }

  /** The message of a refused start-up. */
  static String unsupportedMessage(String detected) {
    return "vipps-callback-spring-boot-starter does not support " + detected + ": it supports Spring Boot "
        + SpringBootLines.supportedText() + " (Spring Framework 6.2 or 7, Jakarta Servlet, Spring Security 6.5"
        + " or 7). The Vipps callback endpoints are not guarded, so the application does not start. Upgrade"
        + " Spring Boot to a supported line, or, on a Jakarta Servlet application of this line, remove the"
        + " starter and guard the endpoints with the servlet filter alone: depend on"
        + " io.github.vippscallback:vipps-callback-servlet and register VippsCallbackFilter with a"
        + " FilterRegistrationBean (docs/getting-started/servlet.md). Spring Boot 2 (javax.servlet) has no"
        + " supported integration; vipps-callback-core's VippsAllowlist can be called from your own filter.";
  }

  /** The versions found on the class path, e.g. {@code Spring Boot 3.4.5 (Spring Framework 6.2.6, ...)}. */
  static String detected(@Nullable String boot, ClassLoader classLoader) {
    StringBuilder text = new StringBuilder("Spring Boot ").append(boot == null ? "(version unknown)" : boot)
        .append(" (Spring Framework ").append(orUnknown(SpringVersion.getVersion()));
    text.append(", Spring Security ").append(springSecurity(classLoader));
    text.append(ClassUtils.isPresent("jakarta.servlet.Filter", classLoader) ? ", Jakarta Servlet" : "");
    text.append(ClassUtils.isPresent("javax.servlet.Filter", classLoader) ? ", javax.servlet" : "");
    return text.append(", Java ").append(Runtime.version().feature()).append(')').toString();
  }

  private static String springSecurity(ClassLoader classLoader) {
    if (!ClassUtils.isPresent(SPRING_SECURITY_VERSION, classLoader)) {
      return "not present";
    }
    try {
      Object version = ClassUtils.forName(SPRING_SECURITY_VERSION, classLoader).getMethod("getVersion").invoke(null);
      return orUnknown(version == null ? null : version.toString());
    } catch (ReflectiveOperationException | LinkageError e) {
      return "(version unknown)";
    }
  }

  private static String orUnknown(@Nullable String version) {
    return version == null ? "(version unknown)" : version;
  }
}
