package io.github.vippscallback.samples.servlet;

import io.github.vippscallback.address.ClientAddressResolver;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.servlet.VippsCallbackFilter;
import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter configured in code: the application builds and owns the {@link VippsAllowlist} (so it can
 * also read its status, or share it), and puts a {@link VippsCallbackFilter} over it in front of
 * {@code /vipps/*}. Run it with, e.g.,
 * {@code java -Dvipps.callback.additional-addresses=127.0.0.1,::1 -jar target/vipps-servlet-sample.jar}
 * and post to {@code http://127.0.0.1:8080/vipps/callbacks/epayment}; settings: {@link SampleSettings}.
 */
public final class ProgrammaticServer {

  /** The path prefix the filter guards. */
  public static final String GUARDED_PATHS = "/vipps/*";
  /** Where the callback servlet listens. */
  public static final String CALLBACK_PATHS = "/vipps/callbacks/*";

  private static final Logger log = LoggerFactory.getLogger(ProgrammaticServer.class);

  private ProgrammaticServer() {}

  /**
   * Starts Tomcat with the callback servlet behind a filter over {@code allowlist}. The server closes
   * the allowlist when it is closed.
   *
   * @param port the port, or 0 for a free one
   * @param allowlist started or not; this starts it
   * @param clientAddressResolver how the client address is found (trusted proxies)
   */
  public static EmbeddedServer start(
      int port, VippsAllowlist allowlist, ClientAddressResolver clientAddressResolver) throws LifecycleException {
    allowlist.start();
    VippsCallbackFilter filter = VippsCallbackFilter.builder(allowlist)
        .clientAddressResolver(clientAddressResolver)
        .build();

    Tomcat tomcat = EmbeddedServer.newTomcat(port);
    Context context = tomcat.addContext("", null);
    EmbeddedServer.withoutReflectiveLeakDetection(context);
    Tomcat.addServlet(context, "payment-callbacks", new PaymentCallbackServlet());
    context.addServletMapping(CALLBACK_PATHS, "payment-callbacks");

    FilterDef filterDef = new FilterDef();
    filterDef.setFilterName("vipps-callback");
    filterDef.setFilter(filter);
    context.addFilterDef(filterDef);
    FilterMap filterMap = new FilterMap();
    filterMap.setFilterName("vipps-callback");
    filterMap.addURLPattern(GUARDED_PATHS);
    context.addFilterMap(filterMap);

    tomcat.start();
    return new EmbeddedServer(tomcat, allowlist::close);
  }

  /** Builds the allowlist from {@code settings}, not yet started. */
  static VippsAllowlist allowlist(SampleSettings settings) {
    VippsAllowlist.Builder builder = VippsAllowlist.builder(VippsEnvironment.parse(settings.environment()))
        .additionalAddresses(settings.additionalAddresses());
    if (!settings.dnsServers().isEmpty()) {
      builder.dnsServers(settings.dnsServers());
    }
    return builder.build();
  }

  /**
   * Runs the sample until it is stopped; settings from system properties, see {@link SampleSettings}.
   *
   * @param args none
   */
  public static void main(String[] args) throws Exception {
    SampleSettings settings = SampleSettings.from(System::getProperty);
    VippsAllowlist allowlist = allowlist(settings);
    ClientAddressResolver resolver = settings.trustedProxies().isEmpty()
        ? ClientAddressResolver.ignoringForwardedHeaders()
        : ClientAddressResolver.trusting(settings.trustedProxies());
    try (EmbeddedServer server = start(settings.port(), allowlist, resolver)) {
      if (!allowlist.awaitFirstResolution(Duration.ofSeconds(15))) {
        log.warn("No address of the {} request servers is known yet: callbacks are answered 503 until one is",
            allowlist.environment().id());
      }
      log.info("Callbacks accepted at http://127.0.0.1:{}/vipps/callbacks/... from the {} request servers {}",
          server.port(), allowlist.environment().id(), allowlist.hosts());
      server.await();
    }
  }
}
