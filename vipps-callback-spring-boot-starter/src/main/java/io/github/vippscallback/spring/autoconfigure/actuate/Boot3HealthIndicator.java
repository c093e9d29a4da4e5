package io.github.vippscallback.spring.autoconfigure.actuate;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.spring.actuate.AllowlistSnapshot;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * The {@code vippsCallback} health contributor on Spring Boot 3.5, whose {@code HealthIndicator} lives in
 * {@code org.springframework.boot.actuate.health} (Boot 4 moved it to {@code
 * org.springframework.boot.health.contributor}, which the starter is compiled against): a proxy of Boot 3's
 * interface that reports what {@code VippsCallbackHealthIndicator} reports on Boot 4, the same status and
 * details from the allowlist's last snapshot, built through Boot 3's {@code Health} builder. A factory bean,
 * so that the context knows the bean's type (Boot 3's interface) before it exists. Asking that type makes
 * the factory, not the allowlist: ahead-of-time processing ({@code process-aot}) asks it at build time,
 * where {@code vipps.callback.environment} may not be set and no allowlist may start.
 */
final class Boot3HealthIndicator implements FactoryBean<Object> {

  static final String HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
  private static final String HEALTH = "org.springframework.boot.actuate.health.Health";

  private final ObjectProvider<VippsAllowlist> allowlist;
  private final Class<?> indicatorType;
  private final Method up;
  private final Method down;
  private final Method withDetail;
  private final Method withException;
  private final Method build;

  Boot3HealthIndicator(ObjectProvider<VippsAllowlist> allowlist, ClassLoader classLoader) throws ReflectiveOperationException {
    this.allowlist = allowlist;
    this.indicatorType = ClassUtils.forName(HEALTH_INDICATOR, classLoader);
    Class<?> health = ClassUtils.forName(HEALTH, classLoader);
    this.up = health.getMethod("up");
    this.down = health.getMethod("down");
    Class<?> builder = up.getReturnType();
    this.withDetail = builder.getMethod("withDetail", String.class, Object.class);
    this.withException = builder.getMethod("withException", Throwable.class);
    this.build = builder.getMethod("build");
  }

  @Override
  public Object getObject() {
    InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
      case "health" -> health();
      case "equals" -> args != null && args.length == 1 && proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      case "toString" -> "vippsCallbackHealthIndicator (Spring Boot 3)";
      default -> method.isDefault()
          ? InvocationHandler.invokeDefault(proxy, method, args)
          : unsupported(method);
    };
    return Proxy.newProxyInstance(indicatorType.getClassLoader(), new Class<?>[] {indicatorType}, handler);
  }

  @Override
  public Class<?> getObjectType() {
    return indicatorType;
  }

  /** Boot 3's {@code Health}: UP while an address is known, else DOWN; DOWN with the exception if reading fails. */
  Object health() throws ReflectiveOperationException {
    Object builder;
    try {
      AllowlistSnapshot snapshot = AllowlistSnapshot.of(allowlist.getObject().status());
      builder = (snapshot.ready() ? up : down).invoke(null);
      withDetail.invoke(builder, "environment", snapshot.environment());
      withDetail.invoke(builder, "entries", snapshot.entries());
      withDetail.invoke(builder, "hosts", snapshot.hosts());
    } catch (RuntimeException e) {
      builder = withException.invoke(down.invoke(null), e);
    }
    return build.invoke(builder);
  }

  private static @Nullable Object unsupported(Method method) {
    throw new UnsupportedOperationException(method.toString());
  }
}
