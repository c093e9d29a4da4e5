package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the {@link VippsCallback} endpoints of a WebFlux application: every handler method of every WebFlux
 * {@link RequestMappingHandlerMapping} whose method or class carries the annotation, directly or as a
 * meta-annotation (the same rule as on servlets: {@link HandlerMappingDiscovery#signatureOf}), with the
 * mapping's path patterns (relative to {@code spring.webflux.base-path}, as WebFlux matches them) and HTTP
 * methods; then the configured {@code vipps.callback.paths} for every method.
 */
final class ReactiveHandlerMappingDiscovery implements Supplier<List<CallbackEndpoint>> {

  private final ListableBeanFactory beanFactory;
  private final List<String> paths;

  ReactiveHandlerMappingDiscovery(ListableBeanFactory beanFactory, List<String> paths) {
    this.beanFactory = beanFactory;
    this.paths = List.copyOf(paths);
  }

  @Override
  public List<CallbackEndpoint> get() {
    Set<CallbackEndpoint> found = new LinkedHashSet<>();
    for (RequestMappingHandlerMapping mapping :
        beanFactory.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
        VippsCallback.Signature signature = HandlerMappingDiscovery.signatureOf(entry.getValue());
        if (signature == null) {
          continue;
        }
        Set<String> methods = new LinkedHashSet<>();
        for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
          methods.add(method.name());
        }
        for (PathPattern pattern : entry.getKey().getPatternsCondition().getPatterns()) {
          String path = pattern.getPatternString();
          found.add(new CallbackEndpoint(path.isEmpty() ? "/" : path, methods, signature));
        }
      }
    }
    for (String path : paths) {
      found.add(new CallbackEndpoint(path, Set.of()));
    }
    return new ArrayList<>(found);
  }
}
