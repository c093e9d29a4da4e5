package io.github.vippscallback.containers.jetty.ee10;

import io.github.vippscallback.containers.CallbackServlet;
import io.github.vippscallback.containers.Deployment;
import io.github.vippscallback.containers.FilterSpec;
import io.github.vippscallback.containers.ServletContainer;
import io.github.vippscallback.servlet.VippsCallbackStartup;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;

/** Embedded Jetty 12.1 with the ee10 servlet environment, one connector on each loopback address. */
final class EmbeddedJetty implements ServletContainer {

  @Override
  public String name() {
    return "Jetty " + Jetty.VERSION + " ee10";
  }

  @Override
  public Running start(Deployment deployment) throws Exception {
    Server server = new Server();
    ServerConnector ipv4 = connector(server, "127.0.0.1");
    ServerConnector ipv6 = connector(server, "::1");
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("callback", new CallbackServlet()), Deployment.SERVLET_PATTERN);
    for (FilterSpec spec : deployment.filters()) {
      Filter instance = spec.instance();
      FilterHolder holder = instance != null ? new FilterHolder(instance) : new FilterHolder(spec.type());
      holder.setName(spec.name());
      holder.setInitParameters(spec.initParameters());
      context.addFilter(holder, spec.urlPattern(), EnumSet.of(DispatcherType.REQUEST));
    }
    if (deployment.startupListener()) {
      context.addEventListener(new VippsCallbackStartup());
    }
    server.setHandler(context);
    server.start();
    return new Running() {
      @Override
      public int ipv4Port() {
        return ipv4.getLocalPort();
      }

      @Override
      public int ipv6Port() {
        return ipv6.getLocalPort();
      }

      @Override
      public void close() throws Exception {
        server.stop();
      }
    };
  }

  private static ServerConnector connector(Server server, String address) {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(address);
    connector.setPort(0);
    server.addConnector(connector);
    return connector;
  }
}
