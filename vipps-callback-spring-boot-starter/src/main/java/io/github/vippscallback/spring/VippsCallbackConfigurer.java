package io.github.vippscallback.spring;

import io.github.vippscallback.guard.CallbackGuard;
import io.github.vippscallback.guard.CallbackOutcome;
import io.github.vippscallback.servlet.VippsRequestGuard;
import io.github.vippscallback.spring.autoconfigure.VippsCallbackEndpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only Vipps' request servers call the requests you name, in a {@code SecurityFilterChain} of your
 * own, for endpoints you guard there instead of annotating them with {@link VippsCallback}:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain applicationChain(HttpSecurity http) {
 *   return http
 *       .with(VippsCallbackConfigurer.vippsCallback(), vipps -> vipps.requestMatchers("/partner/**"))
 *       .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
 *       .httpBasic(Customizer.withDefaults())
 *       .build();
 * }
 * }</pre>
 *
 * <p>For the named requests it does what the starter's own chain does for the annotated endpoints: only a
 * request server gets through, a refusal is answered with the guard's 403, or 503 with {@code
 * Retry-After}, and a problem+json body, whoever is authenticated; no CSRF token is demanded (Vipps sends
 * none). In {@code vipps.callback.mode=report-only} every named request goes on after the same check, log
 * and count. Every other request is left to the rest of your chain: its rules, its CSRF protection, its
 * exception handling. Patterns are read as in {@code authorizeHttpRequests}: relative to {@code
 * spring.mvc.servlet.path}.
 *
 * <p>Name the requests in the customizer of {@code http.with(...)}, before your own {@code
 * authorizeHttpRequests(...)}: their rule joins the chain's authorization rules then, and Spring Security
 * takes no rule after {@code anyRequest()}. A chain that names no request fails to build rather than guard
 * nothing.
 *
 * <h2>Security Filters</h2>
 *
 * One filter is added, ahead of {@link CsrfFilter}: for a named request it asks the starter's {@link
 * VippsRequestGuard} and answers a refusal itself. The named requests' authorization rule then grants only
 * a request that filter let through, so a chain without the filter refuses them.
 *
 * <h2>Shared Objects Used</h2>
 *
 * <ul>
 *   <li>{@link ApplicationContext}: the starter's {@link VippsRequestGuard} bean
 * </ul>
 */
public final class VippsCallbackConfigurer extends AbstractHttpConfigurer<VippsCallbackConfigurer, HttpSecurity> {

  private @Nullable RequestMatcher callbacks;
  private boolean added;

  /** The guard of the filter; set when the chain is configured, before any request. */
  private volatile @Nullable VippsRequestGuard checkedBy;

  /**
   * Grants a named request only when the filter checked it and let it through: the filter left an outcome
   * ({@link CallbackGuard#OUTCOME_ATTRIBUTE}) that the guard lets through.
   */
  private final AuthorizationManager<RequestAuthorizationContext> letThrough = new LetThrough();

  VippsCallbackConfigurer() {}

  /**
   * A configurer to pass to {@code http.with(...)}, whose customizer names the guarded requests.
   *
   * @return a new configurer
   */
  public static VippsCallbackConfigurer vippsCallback() {
    return new VippsCallbackConfigurer();
  }

  /**
   * Lets only Vipps' request servers call the paths matching {@code patterns}, written as in {@code
   * authorizeHttpRequests}, e.g. {@code /partner/**}.
   *
   * @param patterns the path patterns of the requests to guard
   * @return this configurer
   * @throws IllegalArgumentException when no pattern is given
   * @throws IllegalStateException when called outside the customizer of {@code http.with(...)}
   */
  public VippsCallbackConfigurer requestMatchers(String... patterns) {
    requireAdded();
    if (patterns.length == 0) {
      throw new IllegalArgumentException(
          "vippsCallback(): requestMatchers() needs at least one path pattern, e.g. /partner/**");
    }
    // As authorizeHttpRequests reads patterns: with the application's builder (which knows the servlet path).
    ApplicationContext context = getBuilder().getSharedObject(ApplicationContext.class);
    // (Not Spring Security 7's getRequestMatcherBuilder(): 6.5, which Spring Boot 3.5 runs, has no such method.)
    PathPatternRequestMatcher.Builder paths = context == null
        ? PathPatternRequestMatcher.withDefaults()
        : context.getBeanProvider(PathPatternRequestMatcher.Builder.class)
            .getIfUnique(PathPatternRequestMatcher::withDefaults);
    RequestMatcher[] matchers = new RequestMatcher[patterns.length + 1];
    for (int i = 0; i < patterns.length; i++) {
      matchers[i] = paths.matcher(patterns[i]);
    }
    // And by every other reading of a path (decoded, dot segments resolved, ...) that a proxy, gateway or
    // backend may route by: more guarded, never less.
    VippsCallbackEndpoints readings = VippsCallbackEndpoints.forPatterns(context, patterns);
    matchers[patterns.length] = new PathReadingsMatcher(readings);
    return requestMatchers(matchers);
  }

  /**
   * Lets only Vipps' request servers make the requests {@code matchers} match.
   *
   * @param matchers the matchers of the requests to guard
   * @return this configurer
   * @throws IllegalArgumentException when no matcher is given
   * @throws IllegalStateException when called outside the customizer of {@code http.with(...)}
   */
  public VippsCallbackConfigurer requestMatchers(RequestMatcher... matchers) {
    requireAdded();
    if (matchers.length == 0) {
      throw new IllegalArgumentException("vippsCallback(): requestMatchers() needs at least one request matcher");
    }
    RequestMatcher named = matchers.length == 1 ? matchers[0] : new OrRequestMatcher(Arrays.asList(matchers));
    getBuilder().authorizeHttpRequests(requests -> requests.requestMatchers(named).access(letThrough));
    RequestMatcher before = callbacks;
    callbacks = before == null ? named : new OrRequestMatcher(before, named);
    return this;
  }

  /** Takes the chain {@code http.with(...)} adds this configurer to. */
  @Override
  public void setBuilder(HttpSecurity http) {
    super.setBuilder(http);
    added = true;
  }

  /**
   * Exempts the named requests from CSRF protection, when the chain has it.
   *
   * @throws IllegalStateException when no request was named
   */
  @Override
  public void init(HttpSecurity http) {
    RequestMatcher named = named();
    @SuppressWarnings("unchecked")
    CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
    if (csrf != null) {
      csrf.ignoringRequestMatchers(named);
    }
  }

  /**
   * Adds the filter that checks the named requests.
   *
   * @throws IllegalStateException when the application has no {@link VippsRequestGuard} bean
   */
  @Override
  public void configure(HttpSecurity http) {
    VippsRequestGuard guard = guard(http);
    checkedBy = guard;
    http.addFilterBefore(postProcess(new GuardFilter(guard, named())), CsrfFilter.class);
  }

  private RequestMatcher named() {
    RequestMatcher named = callbacks;
    if (named == null) {
      throw new IllegalStateException("vippsCallback() names no request to guard: name the callback paths in"
          + " http.with(VippsCallbackConfigurer.vippsCallback(), vipps -> vipps.requestMatchers(\"/partner/**\"))");
    }
    return named;
  }

  private void requireAdded() {
    if (!added) {
      throw new IllegalStateException("vippsCallback(): name the requests in the customizer of"
          + " http.with(VippsCallbackConfigurer.vippsCallback(), vipps -> vipps.requestMatchers(...))");
    }
  }

  private static VippsRequestGuard guard(HttpSecurity http) {
    ApplicationContext context = http.getSharedObject(ApplicationContext.class);
    if (context == null) {
      throw new IllegalStateException("vippsCallback() needs the Vipps callback starter's VippsRequestGuard bean,"
          + " but the chain has no ApplicationContext; build it from the HttpSecurity bean");
    }
    try {
      return context.getBean(VippsRequestGuard.class);
    } catch (BeansException e) {
      throw new IllegalStateException("vippsCallback() needs the Vipps callback starter's VippsRequestGuard"
          + " bean, which exists in a servlet web application with vipps.callback.environment set and"
          + " vipps.callback.enabled=true (the default)", e);
    }
  }

  private boolean letThrough(HttpServletRequest request) {
    VippsRequestGuard guard = checkedBy;
    return guard != null && request.getAttribute(CallbackGuard.OUTCOME_ATTRIBUTE) instanceof CallbackOutcome outcome
        && guard.letsThrough(outcome);
  }

  /**
   * The rule of the named requests. A class, not a lambda: a lambda implements only Spring Security 7's
   * abstract {@code authorize}, and 6.5 (Spring Boot 3.5) calls its own abstract {@code check}.
   */
  private final class LetThrough implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationDecision authorize(
        Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) {
      return new AuthorizationDecision(letThrough(context.getRequest()));
    }

    /** Spring Security 6.5's abstract method (erased signature); 7 does not call it. */
    public AuthorizationDecision check(Supplier<? extends @Nullable Authentication> authentication, Object context) {
      return authorize(authentication, (RequestAuthorizationContext) context);
    }
  }

  /** The configurer's patterns by every reading of a request's path; named for the chain's description. */
  private record PathReadingsMatcher(VippsCallbackEndpoints endpoints) implements RequestMatcher {
    @Override
    public boolean matches(HttpServletRequest request) {
      return endpoints.matches(request);
    }

    @Override
    public String toString() {
      return "PathReadings " + endpoints;
    }
  }

  /** Checks each named request once; answers a refusal with the guard's problem response. */
  private static final class GuardFilter extends OncePerRequestFilter {
    private final VippsRequestGuard guard;
    private final RequestMatcher callbacks;

    GuardFilter(VippsRequestGuard guard, RequestMatcher callbacks) {
      this.guard = guard;
      this.callbacks = callbacks;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!callbacks.matches(request)) {
        chain.doFilter(request, response);
        return;
      }
      CallbackOutcome outcome = guard.decide(request);
      request.setAttribute(CallbackGuard.OUTCOME_ATTRIBUTE, outcome);
      if (guard.letsThrough(outcome)) {
        chain.doFilter(request, response);
      } else {
        guard.reject(outcome, request, response);
      }
    }
  }
}
