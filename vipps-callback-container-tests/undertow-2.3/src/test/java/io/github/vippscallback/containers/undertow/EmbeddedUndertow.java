package io.github.vippscallback.containers.undertow;

import io.github.vippscallback.containers.CallbackServlet;
import io.github.vippscallback.containers.Deployment;
import io.github.vippscallback.containers.FilterSpec;
import io.github.vippscallback.containers.ServletContainer;
import io.github.vippscallback.servlet.VippsCallbackStartup;
import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.InetSocketAddress;

/**
 * Embedded Undertow 2.3 with one listener on each loopback address. Undertow makes and initialises a
 * filter at the first request that passes it; the startup listener is what starts the guard at deployment.
 */
final class EmbeddedUndertow implements ServletContainer {

  @Override
  public String name() {
    return "Undertow " + Version.getVersionString();
  }

  @Override
  public Running start(Deployment deployment) throws Exception {
    DeploymentInfo info = Servlets.deployment()
        .setClassLoader(EmbeddedUndertow.class.getClassLoader())
        .setContextPath("/")
        .setDeploymentName("container-matrix")
        .addServlet(Servlets.servlet("callback", CallbackServlet.class).addMapping(Deployment.SERVLET_PATTERN));
    for (FilterSpec spec : deployment.filters()) {
      Filter instance = spec.instance();
      FilterInfo filter = instance != null
          ? Servlets.filter(spec.name(), spec.type(), new ImmediateInstanceFactory<>(instance))
          : Servlets.filter(spec.name(), spec.type());
      spec.initParameters().forEach(filter::addInitParam);
      info.addFilter(filter);
      info.addFilterUrlMapping(spec.name(), spec.urlPattern(), DispatcherType.REQUEST);
    }
    if (deployment.startupListener()) {
      info.addListener(Servlets.listener(VippsCallbackStartup.class));
    }
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
    manager.deploy();
    Undertow server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .addHttpListener(0, "::1")
        .setHandler(manager.start())
        .build();
    server.start();
    int ipv4 = port(server, 0);
    int ipv6 = port(server, 1);
    return new Running() {
      @Override
      public int ipv4Port() {
        return ipv4;
      }

      @Override
      public int ipv6Port() {
        return ipv6;
      }

      @Override
      public void close() throws Exception {
        server.stop();
        manager.stop();
        manager.undeploy();
      }
    };
  }

  private static int port(Undertow server, int listener) {
    return ((InetSocketAddress) server.getListenerInfo().get(listener).getAddress()).getPort();
  }
}
