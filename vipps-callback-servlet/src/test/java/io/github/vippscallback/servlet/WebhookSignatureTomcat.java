package io.github.vippscallback.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.jspecify.annotations.Nullable;

/**
 * An embedded Tomcat on 127.0.0.1 and a free port with one signature filter in front of a servlet that
 * echoes the exact bytes it read through {@code getInputStream()}, and reports whether a second
 * {@code getInputStream()} ({@code X-Second-Read-Matches}) and then {@code getReader()} ({@code
 * X-Reader-Body-Matches}) gave the same body again.
 */
final class WebhookSignatureTomcat implements AutoCloseable {

  private final Tomcat tomcat;
  private final Connector connector;
  private final AtomicInteger servletCalls = new AtomicInteger();

  private WebhookSignatureTomcat(@Nullable Filter filter, Map<String, String> initParameters) throws Exception {
    Path baseDir = Files.createTempDirectory("vipps-webhook-tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    Tomcat.addServlet(context, "echo", new EchoServlet(servletCalls));
    context.addServletMapping("/*", "echo");
    FilterDef def = new FilterDef();
    def.setFilterName("vipps-webhook-signature");
    if (filter != null) {
      def.setFilter(filter);
    } else {
      def.setFilterClass(VippsWebhookSignatureFilter.class.getName());
    }
    initParameters.forEach(def::addInitParameter);
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("vipps-webhook-signature");
    map.addURLPattern("/*");
    context.addFilterMap(map);
    tomcat.start();
  }

  /** A Tomcat with a filter built in code. */
  static WebhookSignatureTomcat start(Filter filter) throws Exception {
    return new WebhookSignatureTomcat(filter, Map.of());
  }

  /** A Tomcat whose filter the container instantiates and configures from init-parameters only. */
  static WebhookSignatureTomcat startWithInitParameters(Map<String, String> initParameters) throws Exception {
    return new WebhookSignatureTomcat(null, initParameters);
  }

  int port() {
    return connector.getLocalPort();
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + port() + pathAndQuery;
  }

  /** How often the echo servlet ran: 0 proves a refused request never reached the application. */
  int servletCalls() {
    return servletCalls.get();
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }

  private static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AtomicInteger calls;

    EchoServlet(AtomicInteger calls) {
      this.calls = calls;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      calls.incrementAndGet();
      byte[] body = request.getInputStream().readAllBytes();
      byte[] again = request.getInputStream().readAllBytes();
      StringWriter text = new StringWriter();
      try (Reader reader = request.getReader()) {
        reader.transferTo(text);
      }
      boolean readerMatches = text.toString().equals(new String(body, StandardCharsets.UTF_8));
      response.setStatus(200);
      response.setHeader("X-Reader-Body-Matches", Boolean.toString(readerMatches));
      response.setHeader("X-Second-Read-Matches", Boolean.toString(java.util.Arrays.equals(body, again)));
      response.setHeader("X-Content-Length-Seen", Long.toString(request.getContentLengthLong()));
      response.setContentType("application/octet-stream");
      response.getOutputStream().write(body);
    }
  }
}
