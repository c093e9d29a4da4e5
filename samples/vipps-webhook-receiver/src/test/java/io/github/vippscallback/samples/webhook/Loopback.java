package io.github.vippscallback.samples.webhook;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.github.vippscallback.test.LoopbackDnsExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Vipps on loopback for the application under test: its request servers in DNS, its API in WireMock, and
 * the settings that point the application at them.
 */
final class Loopback {

  private Loopback() {}

  /** DNS answering the test environment's request servers: callback-mt-1 127.0.0.2, callback-mt-2 127.0.0.3. */
  static LoopbackDnsExtension requestServers() {
    return new LoopbackDnsExtension()
        .answer("callback-mt-1.vipps.no", 60, "127.0.0.2")
        .answer("callback-mt-2.vipps.no", 60, "127.0.0.3");
  }

  /** A started WireMock server on 127.0.0.1 playing the Vipps API with these stubs; stop it after the class. */
  static WireMockServer vippsApi(MappingBuilder... stubs) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    for (MappingBuilder stub : stubs) {
      server.stubFor(stub);
    }
    return server;
  }

  /** The {@code vipps.api.*} settings of a merchant with credentials, against {@code vippsApi}. */
  static void credentials(
      DynamicPropertyRegistry registry, WireMockServer vippsApi, String clientSecret, String webhookUrl) {
    registry.add("vipps.api.base-url", () -> "http://127.0.0.1:" + vippsApi.port());
    registry.add("vipps.api.client-id", () -> "the-client-id");
    registry.add("vipps.api.client-secret", () -> clientSecret);
    registry.add("vipps.api.subscription-key", () -> "the-subscription-key");
    registry.add("vipps.api.merchant-serial-number", () -> "123456");
    registry.add("vipps.api.webhook-url", () -> webhookUrl);
  }
}
