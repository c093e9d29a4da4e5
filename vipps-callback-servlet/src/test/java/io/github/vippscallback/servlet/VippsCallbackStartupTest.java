package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.test.LoopbackDnsExtension;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The allowlist of a filter configured by init-parameters starts when the application is deployed (the
 * initializer), before the container initialises the filter, and exactly once however often the filter is
 * declared or initialised; it stops when the last holder lets go. Over a servlet context that holds only
 * attributes, filter registrations and listeners, so the order of events is the test's own.
 */
class VippsCallbackStartupTest {

  private static final String HOST = "callback-mt-1.vipps.no";
  private static final String REFRESH_THREAD = "vipps-callback-dns";

  @RegisterExtension
  final LoopbackDnsExtension dns = new LoopbackDnsExtension().answer(HOST, 300, "127.0.0.2", "::1");

  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private final Map<String, FilterRegistration> registrations = new LinkedHashMap<>();
  private final List<ServletContextListener> listeners = new CopyOnWriteArrayList<>();
  private final ServletContext context = (ServletContext) Proxy.newProxyInstance(
      VippsCallbackStartupTest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
      (proxy, invoked, arguments) -> switch (invoked.getName()) {
        case "getAttribute" -> attributes.get((String) arguments[0]);
        case "setAttribute" -> attributes.put((String) arguments[0], arguments[1]);
        case "getFilterRegistrations" -> Map.copyOf(registrations);
        case "addListener" -> listeners.add((ServletContextListener) arguments[0]);
        default -> throw new AssertionError("the startup should not call " + invoked.getName());
      });

  @BeforeEach
  void noRefreshThreadLeftFromEarlierTests() {
    await().atMost(Duration.ofSeconds(30)).until(() -> refreshThreads() == 0);
  }

  @Test
  void startsResolvingWhenTheApplicationIsDeployedBeforeTheFilterIsInitialised() throws Exception {
    declare("vippsCallback", VippsCallbackFilter.class, parameters());

    new VippsCallbackStartup().onStartup(null, context);

    await().atMost(Duration.ofSeconds(10)).until(() -> dns.server().queryCount(HOST) >= 2); // A and AAAA
    assertThat(refreshThreads()).isEqualTo(1);
    VippsCallbackFilter filter = new VippsCallbackFilter();
    filter.init(config("vippsCallback", parameters()));
    assertThat(refreshThreads()).isEqualTo(1);
    assertThat(StartedAllowlists.of(context).running()).isEqualTo(1);

    filter.destroy();
    assertThat(refreshThreads()).as("the deployment still holds it").isEqualTo(1);
    undeploy();
    await().atMost(Duration.ofSeconds(30)).until(() -> refreshThreads() == 0);
    assertThat(StartedAllowlists.of(context).running()).isZero();
  }

  @Test
  void aFilterDeclaredTwiceAndInitialisedTwiceStartsOneAllowlistAndLeaksNoThread() throws Exception {
    declare("vippsCallback", VippsCallbackFilter.class, parameters());
    declare("vippsCallbackAgain", VippsCallbackFilter.class, parameters());
    new VippsCallbackStartup().onStartup(null, context);
    listeners.forEach(listener -> listener.contextInitialized(new ServletContextEvent(context)));
    VippsCallbackFilter first = new VippsCallbackFilter();
    VippsCallbackFilter second = new VippsCallbackFilter();

    first.init(config("vippsCallback", parameters()));
    first.init(config("vippsCallback", parameters()));
    second.init(config("vippsCallbackAgain", parameters()));

    assertThat(StartedAllowlists.of(context).running()).isEqualTo(1);
    assertThat(refreshThreads()).isEqualTo(1);
    first.destroy();
    second.destroy();
    first.init(config("vippsCallback", parameters())); // re-initialised after destroy: the same one again
    assertThat(StartedAllowlists.of(context).running()).isEqualTo(1);
    first.destroy();
    undeploy();
    await().atMost(Duration.ofSeconds(30)).until(() -> refreshThreads() == 0);
  }

  @Test
  void aFilterInitialisedAgainWithoutADeploymentStartsNoSecondAllowlist() throws Exception {
    VippsCallbackFilter filter = new VippsCallbackFilter();

    filter.init(MapFilterConfig.of(parameters()));
    filter.init(MapFilterConfig.of(parameters()));

    assertThat(refreshThreads()).isEqualTo(1);
    filter.destroy();
    await().atMost(Duration.ofSeconds(30)).until(() -> refreshThreads() == 0);
    filter.init(MapFilterConfig.of(parameters()));
    assertThat(refreshThreads()).isEqualTo(1);
    filter.destroy();
    await().atMost(Duration.ofSeconds(30)).until(() -> refreshThreads() == 0);
  }

  @Test
  void leavesBuilderFiltersAndOtherFiltersAlone() throws Exception {
    declare("builtByCode", VippsCallbackFilter.class, Map.of());
    declare("somethingElse", VippsWebhookSignatureFilter.class, Map.of("webhook-secret", "x".repeat(32)));

    new VippsCallbackStartup().onStartup(null, context);

    assertThat(StartedAllowlists.of(context).running()).isZero();
    assertThat(refreshThreads()).isZero();
  }

  @Test
  void aBadInitParameterStopsTheDeploymentNamingTheFilterAndTheParameter() {
    Map<String, String> bad = parameters();
    bad.put(VippsCallbackFilter.PARAM_ENVIRONMENT, "staging");
    declare("vippsCallback", VippsCallbackFilter.class, bad);

    assertThatThrownBy(() -> new VippsCallbackStartup().onStartup(null, context))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("VippsCallbackFilter 'vippsCallback'")
        .hasMessageContaining("'environment'")
        .hasMessageContaining("staging");
    assertThat(refreshThreads()).isZero();
  }

  @Test
  void aListenerThatMayNotReadTheRegistrationsLeavesTheFilterToStartAtItsInit() {
    VippsCallbackStartup listener = new VippsCallbackStartup();
    ServletContext restricted = (ServletContext) Proxy.newProxyInstance(
        VippsCallbackStartupTest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
        (proxy, invoked, arguments) -> {
          if (invoked.getName().equals("getFilterRegistrations")) {
            throw new UnsupportedOperationException("not from a listener added by an initializer");
          }
          return invoked.invoke(context, arguments);
        });

    assertThatCode(() -> listener.contextInitialized(new ServletContextEvent(restricted))).doesNotThrowAnyException();
    assertThat(refreshThreads()).isZero();
  }

  private Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(VippsCallbackFilter.PARAM_ENVIRONMENT, "test");
    parameters.put(VippsCallbackFilter.PARAM_DNS_SERVERS, dns.address());
    parameters.put(VippsCallbackFilter.PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, "true");
    return parameters;
  }

  private void declare(String name, Class<?> filterClass, Map<String, String> parameters) {
    Map<String, String> copy = Map.copyOf(parameters);
    registrations.put(name, (FilterRegistration) Proxy.newProxyInstance(
        VippsCallbackStartupTest.class.getClassLoader(), new Class<?>[] {FilterRegistration.class},
        (proxy, invoked, arguments) -> switch (invoked.getName()) {
          case "getName" -> name;
          case "getClassName" -> filterClass.getName();
          case "getInitParameters" -> copy;
          case "getInitParameter" -> copy.get((String) arguments[0]);
          default -> throw new AssertionError("the startup should not call " + invoked.getName());
        }));
  }

  private FilterConfig config(String name, Map<String, String> parameters) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return name;
      }

      @Override
      public ServletContext getServletContext() {
        return context;
      }

      @Override
      public @Nullable String getInitParameter(String parameter) {
        return parameters.get(parameter);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
      }
    };
  }

  private void undeploy() {
    listeners.forEach(listener -> listener.contextDestroyed(new ServletContextEvent(context)));
  }

  private static long refreshThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().equals(REFRESH_THREAD))
        .count();
  }
}
