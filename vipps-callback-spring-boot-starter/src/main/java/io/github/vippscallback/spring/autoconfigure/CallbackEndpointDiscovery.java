package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.spring.VippsCallback;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Finds the guarded endpoints of an application, on either web stack: every handler method whose method or
 * class carries {@link VippsCallback}, directly or as a meta-annotation, with its mapping's path patterns
 * (under the stack's path prefix), HTTP methods, other {@link RequestConditions} and {@link
 * VippsCallback#signature()}; then the configured {@code vipps.callback.paths} for every method. The web
 * stack supplies only what differs: its handler mappings ({@link HandlerMappings}: {@link
 * ServletHandlerMappings}, {@link ReactiveHandlerMappings}) and its path prefix (the dispatcher servlet's
 * path on servlets; none on WebFlux, which matches relative to its base path).
 */
final class CallbackEndpointDiscovery implements Supplier<List<CallbackEndpoint>> {

  /** What a web stack hands over: each handler method with its mapping's paths, methods and conditions. */
  interface HandlerMappings {

    /**
     * Every handler method of the stack's request-mapping handler mappings.
     *
     * @return the mappings, in the handler mappings' order
     */
    List<Mapping> mappings();
  }

  /**
   * One handler method as its mapping routes to it.
   *
   * @param handler the handler method
   * @param patterns the mapping's path patterns, as the mapping writes them
   * @param methods the mapping's HTTP methods; empty for every method
   * @param conditions the mapping's {@code params}, {@code headers}, {@code consumes} and {@code produces}
   */
  record Mapping(
      HandlerMethod handler, List<String> patterns, Set<RequestMethod> methods, RequestConditions conditions) {}

  private final HandlerMappings stack;
  private final Supplier<String> pathPrefix;
  private final List<String> paths;

  /**
   * @param stack the web stack's handler mappings
   * @param pathPrefix the prefix of every path the stack routes, e.g. the dispatcher servlet's path; asked
   *     when the endpoints are discovered
   * @param paths the configured {@code vipps.callback.paths}, checked ({@link #checkPaths})
   */
  CallbackEndpointDiscovery(HandlerMappings stack, Supplier<String> pathPrefix, List<String> paths) {
    this.stack = stack;
    this.pathPrefix = pathPrefix;
    this.paths = List.copyOf(paths);
  }

  @Override
  public List<CallbackEndpoint> get() {
    Set<CallbackEndpoint> found = new LinkedHashSet<>();
    String prefix = pathPrefix.get();
    for (Mapping mapping : stack.mappings()) {
      VippsCallback.Signature signature = signatureOf(mapping.handler());
      if (signature == null) {
        continue;
      }
      Set<String> methods = new LinkedHashSet<>();
      for (RequestMethod method : mapping.methods()) {
        methods.add(method.name());
      }
      for (String pattern : mapping.patterns()) {
        found.add(new CallbackEndpoint(join(prefix, pattern), methods, signature, mapping.conditions()));
      }
    }
    for (String path : paths) {
      found.add(new CallbackEndpoint(join(prefix, path), Set.of()));
    }
    return new ArrayList<>(found);
  }

  /**
   * The {@link VippsCallback#signature()} of a marked handler, the method's annotation winning over the
   * class's; {@code null} when the handler is not marked.
   */
  static VippsCallback.@Nullable Signature signatureOf(HandlerMethod handler) {
    VippsCallback onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), VippsCallback.class);
    if (onMethod != null) {
      return onMethod.signature();
    }
    VippsCallback onClass = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), VippsCallback.class);
    return onClass == null ? null : onClass.signature();
  }

  /**
   * Checks the configured extra paths up front, refusing a bad one with the settings table's valid values.
   *
   * @throws VippsCallbackConfigurationException naming the first bad pattern
   */
  static List<String> checkPaths(List<String> paths) {
    PathPatternParser parser = new PathPatternParser();
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String valid = Setting.PATHS.validValues();
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
