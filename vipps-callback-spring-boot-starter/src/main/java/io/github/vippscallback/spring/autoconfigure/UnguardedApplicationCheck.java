package io.github.vippscallback.spring.autoconfigure;

import io.github.vippscallback.spring.VippsCallback;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Once every singleton exists: when no web stack's guard is configured (no
 * {@value VippsCallbackAutoConfiguration#STARTUP_REPORT_BEAN}) but the application sets
 * {@code vipps.callback.environment} or has controllers with {@link VippsCallback} handlers, stops the
 * start-up: a bad environment with {@link VippsCallbackConfigurationException}, else with
 * {@link VippsCallbackNotGuardedException} saying what kind of application this is and what the starter
 * guards.
 */
final class UnguardedApplicationCheck implements SmartInitializingSingleton {

  private static final String SERVLET_CONTEXT = "org.springframework.web.context.WebApplicationContext";
  private static final String SPRING_MVC =
      "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping";
  private static final String SERVLET_GUARD = "io.github.vippscallback.servlet.VippsRequestGuard";

  private final ListableBeanFactory beanFactory;
  private final Environment environment;
  private final ApplicationContext context;

  UnguardedApplicationCheck(ListableBeanFactory beanFactory, Environment environment, ApplicationContext context) {
    this.beanFactory = beanFactory;
    this.environment = environment;
    this.context = context;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (beanFactory.containsBean(VippsCallbackAutoConfiguration.STARTUP_REPORT_BEAN)) {
      return; // a web stack's auto-configuration guards, and checks its own endpoints
    }
    List<String> asked = new ArrayList<>();
    @Nullable String value = environment.getProperty(CallbackSettings.ENVIRONMENT);
    if (value != null) {
      CallbackSettings.environment(value); // a bad one says so first, naming the valid values
      asked.add(CallbackSettings.ENVIRONMENT + "=" + value);
    }
    asked.addAll(annotatedHandlers());
    if (asked.isEmpty()) {
      return;
    }
    throw VippsCallbackNotGuardedException.unsupportedStack(stack(), asked,
        "The starter guards Spring MVC (spring-boot-starter-webmvc) and WebFlux (spring-boot-starter-webflux)"
            + " applications, with or without Spring Security; run the callbacks in one, and do not exclude the"
            + " starter's auto-configurations.");
  }

  private String stack() {
    ClassLoader loader = UnguardedApplicationCheck.class.getClassLoader();
    if (SpringBootLines.REACTIVE_WEB_APPLICATION_CONTEXT.stream().anyMatch(type -> isA(type, loader))) {
      return "a reactive (WebFlux) web application in which the starter's WebFlux auto-configuration"
          + " (VippsCallbackReactiveAutoConfiguration) did not apply (excluded, or no WebFlux handler mapping)";
    }
    if (isA(SERVLET_CONTEXT, loader)) {
      if (!ClassUtils.isPresent(SPRING_MVC, loader)) {
        return "a servlet web application without Spring MVC (spring-webmvc is not on the class path)";
      }
      if (!ClassUtils.isPresent(SERVLET_GUARD, loader)) {
        return "a servlet web application without vipps-callback-servlet on the class path";
      }
      return "a servlet web application in which the starter's auto-configuration"
          + " (VippsCallbackAutoConfiguration) did not apply (excluded, or no Spring MVC handler mapping)";
    }
    return "not a web application (spring.main.web-application-type=none, or no web server on the class path)";
  }

  private boolean isA(String type, ClassLoader loader) {
    if (!ClassUtils.isPresent(type, loader)) {
      return false;
    }
    return ClassUtils.resolveClassName(type, loader).isInstance(context);
  }

  /** The {@code @VippsCallback} handler methods (and classes) of the controller beans, e.g. {@code Hooks.paid()}. */
  private List<String> annotatedHandlers() {
    List<String> found = new ArrayList<>();
    for (String name : beanFactory.getBeanNamesForAnnotation(Controller.class)) {
      @Nullable Class<?> type = beanFactory.getType(name, false);
      if (type == null) {
        continue;
      }
      Class<?> user = ClassUtils.getUserClass(type);
      if (AnnotatedElementUtils.hasAnnotation(user, VippsCallback.class)) {
        found.add("@VippsCallback on " + user.getName());
        continue;
      }
      for (Method method : ReflectionUtils.getUniqueDeclaredMethods(user, ReflectionUtils.USER_DECLARED_METHODS)) {
        if (AnnotatedElementUtils.hasAnnotation(method, VippsCallback.class)) {
          found.add("@VippsCallback on " + user.getName() + "." + method.getName() + "()");
        }
      }
    }
    return found;
  }
}
