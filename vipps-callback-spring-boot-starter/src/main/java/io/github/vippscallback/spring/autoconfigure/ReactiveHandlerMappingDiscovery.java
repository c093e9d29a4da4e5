package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.condition.ConsumesRequestCondition;
import org.springframework.web.reactive.result.condition.HeadersRequestCondition;
import org.springframework.web.reactive.result.condition.ParamsRequestCondition;
import org.springframework.web.reactive.result.condition.ProducesRequestCondition;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the {@link VippsCallback} endpoints of a WebFlux application: every handler method of every WebFlux
 * {@link RequestMappingHandlerMapping} whose method or class carries the annotation, directly or as a
 * meta-annotation (the same rule as on servlets: {@link HandlerMappingDiscovery#signatureOf}), with the
 * mapping's path patterns (relative to {@code spring.webflux.base-path}, as WebFlux matches them), HTTP
 * methods and its other request conditions; then the configured {@code vipps.callback.paths} for every method.
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
        RequestConditions conditions = conditionsOf(entry.getKey());
        for (PathPattern pattern : entry.getKey().getPatternsCondition().getPatterns()) {
          String path = pattern.getPatternString();
          found.add(new CallbackEndpoint(path.isEmpty() ? "/" : path, methods, signature, conditions));
        }
      }
    }
    for (String path : paths) {
      found.add(new CallbackEndpoint(path, Set.of()));
    }
    return new ArrayList<>(found);
  }

  /**
   * The mapping's {@code params}, {@code headers}, {@code consumes} and {@code produces}, tested with the
   * mapping's own WebFlux condition objects on the exchange, as WebFlux's handler mapping tests them (a
   * custom condition is not tested: the endpoint is then guarded for more requests, never fewer). A test
   * that throws counts as a match.
   */
  static RequestConditions conditionsOf(RequestMappingInfo info) {
    ParamsRequestCondition params = info.getParamsCondition();
    HeadersRequestCondition headers = info.getHeadersCondition();
    ConsumesRequestCondition consumes = info.getConsumesCondition();
    ProducesRequestCondition produces = info.getProducesCondition();
    return RequestConditions.of(params.getExpressions(), headers.getExpressions(), consumes.getExpressions(),
        produces.getExpressions(), ServerWebExchange.class,
        List.<Function<ServerWebExchange, @Nullable Object>>of(params::getMatchingCondition,
            headers::getMatchingCondition, consumes::getMatchingCondition, produces::getMatchingCondition),
        exchange -> { });
  }
}
