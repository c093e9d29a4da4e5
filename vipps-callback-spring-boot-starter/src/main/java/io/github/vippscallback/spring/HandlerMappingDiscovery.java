package io.github.vippscallback.spring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Finds the {@link VippsCallback} endpoints: every handler method of every
 * {@link RequestMappingHandlerMapping} whose method or class carries the annotation, directly or as a
 * meta-annotation, with the mapping's path patterns (prefixed with the dispatcher servlet's path) and
 * HTTP methods; then the configured {@code vipps.callback.paths} (also under the dispatcher servlet's
 * path) for every method.
 */
final class HandlerMappingDiscovery implements Supplier<List<CallbackEndpoint>> {

  private final ListableBeanFactory beanFactory;
  private final Supplier<String> servletPathPrefix;
  private final List<String> paths;

  HandlerMappingDiscovery(ListableBeanFactory beanFactory, Supplier<String> servletPathPrefix, List<String> paths) {
    this.beanFactory = beanFactory;
    this.servletPathPrefix = servletPathPrefix;
    this.paths = List.copyOf(paths);
  }

  @Override
  public List<CallbackEndpoint> get() {
    Set<CallbackEndpoint> found = new LinkedHashSet<>();
    String prefix = servletPathPrefix.get();
    for (RequestMappingHandlerMapping mapping :
        beanFactory.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
        if (!isCallback(entry.getValue())) {
          continue;
        }
        Set<String> methods = new LinkedHashSet<>();
        for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
          methods.add(method.name());
        }
        for (String pattern : entry.getKey().getPatternValues()) {
          found.add(new CallbackEndpoint(join(prefix, pattern), methods));
        }
      }
    }
    for (String path : paths) {
      found.add(new CallbackEndpoint(join(prefix, path), Set.of()));
    }
    return new ArrayList<>(found);
  }

  static boolean isCallback(HandlerMethod handler) {
    return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), VippsCallback.class)
        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), VippsCallback.class);
  }

  /**
   * Checks the configured extra paths up front.
   *
   * @throws VippsCallbackConfigurationException naming the first bad pattern
   */
  static List<String> checkPaths(List<String> paths) {
    PathPatternParser parser = new PathPatternParser();
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String valid = "path patterns starting with '/', e.g. /vipps/callbacks/**";
      if (!path.startsWith("/")) {
        throw new VippsCallbackConfigurationException(
            CallbackSettings.PATHS + "[" + i + "]", path, "a path pattern must start with '/'", valid, null);
      }
      try {
        parser.parse(path);
      } catch (RuntimeException e) {
        throw new VippsCallbackConfigurationException(
            CallbackSettings.PATHS + "[" + i + "]", path, String.valueOf(e.getMessage()), valid, e);
      }
    }
    return List.copyOf(paths);
  }

  private static String join(String prefix, String pattern) {
    String path = pattern.isEmpty() ? "/" : pattern;
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    return prefix.isEmpty() ? path : prefix + path;
  }
}
