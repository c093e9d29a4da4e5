package io.github.vippscallback.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A real embedded Tomcat on a random port on all addresses (so {@code 127.0.0.x} and {@code [::1]} both
 * reach it), with a guarded servlet under {@code /vipps/*} behind the filter (or filters, in order)
 * under test, and an unguarded default servlet for every other path. Each servlet records the requests
 * that reached it; the guarded one answers with the exact body it read.
 */
final class GuardedTomcat implements AutoCloseable {

  static final String FILTER_NAME = "vippsCallback";
  static final String GUARDED_BODY = "guarded servlet reached";

  private final Tomcat tomcat;
  private final Context context;
  private final Connector connector;
  /** "METHOD path" of every request that reached the guarded servlet. */
  final List<String> guarded = new CopyOnWriteArrayList<>();
  /** "METHOD path" of every request that reached the unguarded default servlet. */
  final List<String> unguarded = new CopyOnWriteArrayList<>();

  private GuardedTomcat(Path baseDir, List<FilterDef> filterDefs, List<String> urlPatterns) {
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    connector = new Connector();
    connector.setPort(0); // all addresses, a free port
    tomcat.setConnector(connector);
    context = tomcat.addContext("", baseDir.toAbsolutePath().toString());
    Tomcat.addServlet(context, "guarded", new RecordingServlet(guarded, GUARDED_BODY));
    context.addServletMapping("/vipps/*", "guarded");
    Tomcat.addServlet(context, "unguarded", new RecordingServlet(unguarded, "default servlet reached"));
    context.addServletMapping("/", "unguarded");
    for (int i = 0; i < filterDefs.size(); i++) {
      FilterDef filterDef = filterDefs.get(i);
      String name = i == 0 ? FILTER_NAME : FILTER_NAME + "-" + i;
      filterDef.setFilterName(name);
      context.addFilterDef(filterDef);
      FilterMap filterMap = new FilterMap();
      filterMap.setFilterName(name);
      filterMap.addURLPattern(urlPatterns.isEmpty() ? "/vipps/*" : urlPatterns.get(i));
      context.addFilterMap(filterMap); // mapped in order: the first runs first
    }
  }

  /** Starts Tomcat with {@code filter} (already configured, e.g. by its builder) in front of {@code /vipps/*}. */
  static GuardedTomcat start(Path baseDir, Filter filter) throws LifecycleException {
    return start(baseDir, List.of(definitionOf(filter)));
  }

  /** Starts Tomcat with these filters in front of {@code /vipps/*}, the first running first. */
  static GuardedTomcat start(Path baseDir, List<FilterDef> filterDefs) throws LifecycleException {
    return start(baseDir, filterDefs, List.of());
  }

  /** Starts Tomcat with these filters, each mapped to its URL pattern (under {@code /vipps/}), in order. */
  static GuardedTomcat start(Path baseDir, List<FilterDef> filterDefs, List<String> urlPatterns)
      throws LifecycleException {
    GuardedTomcat server = new GuardedTomcat(baseDir, filterDefs, urlPatterns);
    server.tomcat.start();
    return server;
  }

  /** A filter already configured, e.g. by its builder. */
  static FilterDef definitionOf(Filter filter) {
    FilterDef filterDef = new FilterDef();
    filterDef.setFilter(filter);
    filterDef.setFilterClass(filter.getClass().getName());
    return filterDef;
  }

  /** A filter the container instantiates and configures with these init-parameters only, as in web.xml. */
  static FilterDef definitionOf(Class<? extends Filter> filterClass, Map<String, String> initParameters) {
    FilterDef filterDef = new FilterDef();
    filterDef.setFilterClass(filterClass.getName());
    initParameters.forEach(filterDef::addInitParameter);
    return filterDef;
  }

  /** Starts Tomcat with a {@link VippsCallbackFilter} configured only by these init-parameters, as in web.xml. */
  static GuardedTomcat startWithInitParameters(Path baseDir, Map<String, String> initParameters)
      throws LifecycleException {
    return start(baseDir, List.of(definitionOf(VippsCallbackFilter.class, initParameters)));
  }

  int port() {
    return connector.getLocalPort();
  }

  /** Whether the web application started and serves requests (a filter whose init failed stops it). */
  boolean applicationAvailable() {
    return context.getState().isAvailable();
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }

  /** Records each request and answers 200 with a fixed text plus the request body it read. */
  private static final class RecordingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient List<String> seen;
    private final String text;

    RecordingServlet(List<String> seen, String text) {
      this.seen = seen;
      this.text = text;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      seen.add(request.getMethod() + " " + request.getRequestURI());
      byte[] requestBody = request.getInputStream().readAllBytes();
      response.setStatus(200);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write(text + ": " + new String(requestBody, StandardCharsets.UTF_8));
    }
  }
}
