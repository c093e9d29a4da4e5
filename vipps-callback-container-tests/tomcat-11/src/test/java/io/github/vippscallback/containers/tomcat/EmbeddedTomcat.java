package io.github.vippscallback.containers.tomcat;

import io.github.vippscallback.containers.CallbackServlet;
import io.github.vippscallback.containers.Deployment;
import io.github.vippscallback.containers.FilterSpec;
import io.github.vippscallback.containers.ServletContainer;
import io.github.vippscallback.servlet.VippsCallbackStartup;
import jakarta.servlet.Filter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat (10.1 or 11, whichever is on the classpath) with one connector on each loopback address. */
final class EmbeddedTomcat implements ServletContainer {

  @Override
  public String name() {
    return "Tomcat " + ServerInfo.getServerNumber();
  }

  @Override
  public Running start(Deployment deployment) throws Exception {
    Path baseDir = Files.createTempDirectory("container-matrix-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector ipv4 = connector("127.0.0.1");
    Connector ipv6 = connector("::1");
    tomcat.setConnector(ipv4);
    tomcat.getService().addConnector(ipv6);
    Context context = tomcat.addContext("", baseDir.toString());
    Tomcat.addServlet(context, "callback", new CallbackServlet());
    context.addServletMappingDecoded(Deployment.SERVLET_PATTERN, "callback", false);
    for (FilterSpec spec : deployment.filters()) {
      FilterDef def = new FilterDef();
      def.setFilterName(spec.name());
      Filter instance = spec.instance();
      if (instance != null) {
        def.setFilter(instance);
      }
      def.setFilterClass(spec.type().getName());
      spec.initParameters().forEach(def::addInitParameter);
      context.addFilterDef(def);
      FilterMap map = new FilterMap();
      map.setFilterName(spec.name());
      map.addURLPattern(spec.urlPattern());
      context.addFilterMap(map);
    }
    if (deployment.startupListener()) {
      context.addApplicationListener(VippsCallbackStartup.class.getName());
    }
    tomcat.start();
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
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }

  private static Connector connector(String address) {
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", address);
    return connector;
  }
}
