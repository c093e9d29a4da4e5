package io.github.vippscallback.spring.autoconfigure;

import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The path of Spring MVC's dispatcher servlet as a prefix ({@code ""} for {@code /}, {@code /api} for
 * {@code spring.mvc.servlet.path=/api}): from Boot's {@code DispatcherServletPath} bean when there is one,
 * else from the property.
 */
final class ServletPathPrefix implements Supplier<String> {

  private static final String DISPATCHER_SERVLET_PATH =
      "org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath";

  private final ListableBeanFactory beanFactory;
  private final Environment environment;

  ServletPathPrefix(ListableBeanFactory beanFactory, Environment environment) {
    this.beanFactory = beanFactory;
    this.environment = environment;
  }

  @Override
  public String get() {
    if (ClassUtils.isPresent(DISPATCHER_SERVLET_PATH, ServletPathPrefix.class.getClassLoader())) {
      String fromBean = FromBean.prefix(beanFactory);
      if (fromBean != null) {
        return fromBean;
      }
    }
    return prefix(environment.getProperty("spring.mvc.servlet.path", "/"));
  }

  static String prefix(String servletPath) {
    String path = servletPath.trim();
    if (path.endsWith("/*")) {
      path = path.substring(0, path.length() - 2);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.isEmpty() || path.startsWith("/") ? path : "/" + path;
  }

  /** Kept apart so that {@code DispatcherServletPath} is loaded only when present. */
  private static final class FromBean {
    static @org.jspecify.annotations.Nullable String prefix(ListableBeanFactory beanFactory) {
      org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath path = beanFactory
          .getBeanProvider(org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath.class)
          .getIfUnique();
      return path == null ? null : ServletPathPrefix.prefix(path.getPrefix());
    }
  }
}
