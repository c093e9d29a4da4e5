package io.github.vippscallback.containers.jetty.ee10;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.containers.CallbackServlet;
import io.github.vippscallback.containers.Deployment;
import io.github.vippscallback.servlet.VippsCallbackFilter;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * Jetty's {@code ForwardedRequestCustomizer} puts the forwarded client in {@code getRemoteAddr()} before any
 * filter runs, an IPv6 client in brackets as Jetty gives every IPv6 address: the guard reads it as the
 * literal inside. (With the customizer, Jetty is the trusted proxy's reader; the filter then trusts none.)
 */
class JettyForwardedCustomizerTest {

  @Test
  void readsTheBracketedIpv6ClientTheCustomizerHandsOver() throws Exception {
    VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .additionalAddresses(List.of("::1")) // configured, never resolved: no DNS in this test
        .build();
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(new ForwardedRequestCustomizer());
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("callback", new CallbackServlet()), Deployment.SERVLET_PATTERN);
    context.addFilter(new FilterHolder(VippsCallbackFilter.builder(allowlist).build()), Deployment.SERVLET_PATTERN,
        EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    try {
      int port = connector.getLocalPort();
      LoopbackHttpResponse vipps = LoopbackHttpClient.from("127.0.0.9")
          .get(port, "/vipps/callback", Map.of("X-Forwarded-For", "::1"));
      LoopbackHttpResponse stranger = LoopbackHttpClient.from("127.0.0.9")
          .get(port, "/vipps/callback", Map.of("X-Forwarded-For", "2001:db8::9"));

      assertThat(vipps.status()).isEqualTo(200);
      assertThat(vipps.header(CallbackServlet.REMOTE_ADDR_HEADER)).startsWith("[").endsWith("]");
      assertThat(stranger.status()).isEqualTo(403);
    } finally {
      server.stop();
      allowlist.close();
    }
  }
}
