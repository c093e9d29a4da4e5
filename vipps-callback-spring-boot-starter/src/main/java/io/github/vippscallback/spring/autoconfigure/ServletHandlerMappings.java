package io.github.vippscallback.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.servlet.mvc.condition.ConsumesRequestCondition;
import org.springframework.web.servlet.mvc.condition.HeadersRequestCondition;
import org.springframework.web.servlet.mvc.condition.ParamsRequestCondition;
import org.springframework.web.servlet.mvc.condition.ProducesRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The servlet stack's part of {@link CallbackEndpointDiscovery}: the handler methods of every Spring MVC
 * {@link RequestMappingHandlerMapping}, with their mappings' patterns, methods and conditions.
 */
final class ServletHandlerMappings implements CallbackEndpointDiscovery.HandlerMappings {

  private final ListableBeanFactory beanFactory;

  ServletHandlerMappings(ListableBeanFactory beanFactory) {
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
        mappings.add(new CallbackEndpointDiscovery.Mapping(
            entry.getValue(), List.copyOf(info.getPatternValues()), methods, conditionsOf(info)));
      }
    }
    return mappings;
  }

  /**
   * The mapping's {@code params}, {@code headers}, {@code consumes} and {@code produces}, tested with the
   * mapping's own condition objects, as the dispatcher tests them (a custom condition is not tested: the
   * endpoint is then guarded for more requests, never fewer). A test that throws counts as a match.
   */
  static RequestConditions conditionsOf(RequestMappingInfo info) {
    ParamsRequestCondition params = info.getParamsCondition();
    HeadersRequestCondition headers = info.getHeadersCondition();
    ConsumesRequestCondition consumes = info.getConsumesCondition();
    ProducesRequestCondition produces = info.getProducesCondition();
    return RequestConditions.of(params.getExpressions(), headers.getExpressions(), consumes.getExpressions(),
        produces.getExpressions(), HttpServletRequest.class,
        List.<Function<HttpServletRequest, @Nullable Object>>of(params::getMatchingCondition,
            headers::getMatchingCondition, consumes::getMatchingCondition, produces::getMatchingCondition),
        ProducesRequestCondition::clearMediaTypesAttribute);
  }
}
