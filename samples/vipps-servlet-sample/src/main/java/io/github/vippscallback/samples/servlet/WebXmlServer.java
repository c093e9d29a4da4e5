package io.github.vippscallback.samples.servlet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter configured with no code at all: Tomcat deploys the web application in
 * {@code src/main/webapp}, whose {@code WEB-INF/web.xml} declares {@code VippsCallbackFilter} with
 * init-parameters only. The filter then builds, starts and (when the application stops) closes its own
 * allowlist. The same {@code web.xml} works in a WAR deployed to any Servlet 6 container.
 *
 * <p>This sample's {@code web.xml} takes its values from system properties through Tomcat's
 * {@code ${name:-default}} replacement (names as in {@link SampleSettings}); a real application would
 * usually write them out.
 */
public final class WebXmlServer {

  /** The web application directory, relative to this module. */
  public static final String DEFAULT_WEBAPP = "src/main/webapp";

  private static final Logger log = LoggerFactory.getLogger(WebXmlServer.class);

  private WebXmlServer() {}

  /**
   * Deploys {@code webappDirectory} at the root context and starts Tomcat.
   *
   * @param port the port, or 0 for a free one
   * @param webappDirectory holds {@code WEB-INF/web.xml}
   */
  public static EmbeddedServer start(int port, Path webappDirectory) throws LifecycleException {
    if (!Files.isRegularFile(webappDirectory.resolve("WEB-INF/web.xml"))) {
      throw new IllegalArgumentException("no WEB-INF/web.xml in '" + webappDirectory.toAbsolutePath()
          + "'; give the directory of the web application, e.g. " + DEFAULT_WEBAPP);
    }
    Tomcat tomcat = EmbeddedServer.newTomcat(port);
    // Only this application's web.xml: no default servlets, no JSP, no scanning of the class path.
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Context context = tomcat.addWebapp("", webappDirectory.toAbsolutePath().toString());
    context.setParentClassLoader(WebXmlServer.class.getClassLoader());
    EmbeddedServer.withoutReflectiveLeakDetection(context);
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    scanner.setScanManifest(false);
    context.setJarScanner(scanner);
    tomcat.start();
    if (!context.getState().isAvailable()) {
      try {
        new EmbeddedServer(tomcat, () -> { }).close();
      } catch (IllegalStateException e) {
        log.warn("Tomcat did not stop cleanly after the application failed to start", e);
      }
      throw new IllegalStateException("the web application in '" + webappDirectory
          + "' did not start; the log above says why (e.g. a bad init-parameter)");
    }
    return new EmbeddedServer(tomcat, () -> { });
  }

  /**
   * Runs the sample until it is stopped.
   *
   * @param args the web application directory; default {@value #DEFAULT_WEBAPP}
   */
  public static void main(String[] args) throws Exception {
    SampleSettings settings = SampleSettings.from(System::getProperty);
    Path webapp = Paths.get(args.length > 0 ? args[0] : DEFAULT_WEBAPP);
    try (EmbeddedServer server = start(settings.port(), webapp)) {
      log.info("Callbacks accepted at http://127.0.0.1:{}/vipps/callbacks/... (filter configured in {})",
          server.port(), webapp.resolve("WEB-INF/web.xml"));
      server.await();
    }
  }
}
