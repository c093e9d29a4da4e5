package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.ConsumesRequestCondition;
import org.springframework.web.servlet.mvc.condition.HeadersRequestCondition;
import org.springframework.web.servlet.mvc.condition.ParamsRequestCondition;
import org.springframework.web.servlet.mvc.condition.ProducesRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Finds the {@link VippsCallback} endpoints: every handler method of every
 * {@link RequestMappingHandlerMapping} whose method or class carries the annotation, directly or as a
 * meta-annotation, with the mapping's path patterns (prefixed with the dispatcher servlet's path) and
 * HTTP methods, its other request conditions and {@link VippsCallback#signature()}; then the configured {@code vipps.callback.paths}
 * (also under the dispatcher servlet's path) for every method, taking a signature when a secret applies.
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
        VippsCallback.Signature signature = signatureOf(entry.getValue());
        if (signature == null) {
          continue;
        }
        Set<String> methods = new LinkedHashSet<>();
        for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
          methods.add(method.name());
        }
        RequestConditions conditions = conditionsOf(entry.getKey());
        for (String pattern : entry.getKey().getPatternValues()) {
          found.add(new CallbackEndpoint(join(prefix, pattern), methods, signature, conditions));
        }
      }
    }
    for (String path : paths) {
      found.add(new CallbackEndpoint(join(prefix, path), Set.of()));
    }
    return new ArrayList<>(found);
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
