package io.github.vippscallback.benchmarks.twin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves {@value TwinEndpointsController#GUARDED} (only Vipps' request servers of
 * {@code vipps.callback.environment}) and {@value TwinEndpointsController#OPEN} (anyone), which do the
 * same work, for {@code scripts/e2e.sh}. Configure it like any application using the starter, e.g.
 * {@code --vipps.callback.environment=test --vipps.callback.dns.servers=127.0.0.1:5353}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class TwinEndpointsApplication {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(TwinEndpointsApplication.class, args);
  }
}
