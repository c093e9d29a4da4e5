package io.github.vippscallback.spring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * The WebFlux stack's part of {@link CallbackEndpointDiscovery}: the handler methods of every WebFlux
 * {@link RequestMappingHandlerMapping}, with their mappings' patterns (relative to {@code
 * spring.webflux.base-path}, as WebFlux matches them), methods and conditions.
 */
final class ReactiveHandlerMappings implements CallbackEndpointDiscovery.HandlerMappings {

  private final ListableBeanFactory beanFactory;

  ReactiveHandlerMappings(ListableBeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public List<CallbackEndpointDiscovery.Mapping> mappings() {
    List<CallbackEndpointDiscovery.Mapping> mappings = new ArrayList<>();
    for (RequestMappingHandlerMapping mapping :
        beanFactory.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
        RequestMappingInfo info = entry.getKey();
        Set<String> methods = new LinkedHashSet<>();
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          methods.add(method.name());
        }
        List<String> patterns = new ArrayList<>();
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
          patterns.add(pattern.getPatternString());
        }
        mappings.add(new CallbackEndpointDiscovery.Mapping(entry.getValue(), patterns, methods, conditionsOf(info)));
      }
    }
    return mappings;
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
