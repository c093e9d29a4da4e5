package io.github.vippscallback.samples.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

/** A running embedded Tomcat and whatever it must close when it stops. */
public final class EmbeddedServer implements AutoCloseable {

  private final Tomcat tomcat;
  private final Runnable afterStop;

  /**
   * @param tomcat the started Tomcat
   * @param afterStop what to release once Tomcat has stopped, e.g. the allowlist's background refresh
   */
  EmbeddedServer(Tomcat tomcat, Runnable afterStop) {
    this.tomcat = tomcat;
    this.afterStop = afterStop;
  }

  /** A Tomcat on {@code port} (0: a free one) on every interface, with a throw-away base directory. */
  static Tomcat newTomcat(int port) {
    Tomcat tomcat = new Tomcat();
    try {
      Path baseDir = Files.createTempDirectory("vipps-servlet-sample");
      baseDir.toFile().deleteOnExit();
      tomcat.setBaseDir(baseDir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Connector connector = new Connector();
    connector.setPort(port);
    tomcat.setConnector(connector);
    return tomcat;
  }

  /**
   * Turns off Tomcat's leak detection that needs {@code --add-opens} on JDK 17+ and would only warn
   * about it; a sample that starts one application has nothing to leak.
   */
  static void withoutReflectiveLeakDetection(Context context) {
    if (context instanceof StandardContext standard) {
      standard.setClearReferencesThreadLocals(false);
      standard.setClearReferencesRmiTargets(false);
    }
  }

  /** The port it listens on. */
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  /** Blocks until the server is stopped, for {@code main}. */
  public void await() {
    tomcat.getServer().await();
  }

  /** Stops Tomcat, then releases what it used (the allowlist's background refresh). */
  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not stop cleanly", e);
    } finally {
      afterStop.run();
    }
  }
}
