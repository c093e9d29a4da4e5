package io.github.vippscallback.servlet;

import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ADDITIONAL_ADDRESSES;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ADDITIONAL_HOSTS;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_DNS_SERVERS;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_DNS_TIMEOUT;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_ENVIRONMENT;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_MAX_STALE;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_MAX_TTL;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_MIN_TTL;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_RETRY_AFTER;
import static io.github.vippscallback.servlet.VippsCallbackFilter.PARAM_TRUSTED_PROXIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.allowlist.AllowlistDecision;
import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.allowlist.VippsEnvironment;
import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.settings.SettingException;
import io.github.vippscallback.settings.SettingReader;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackDnsServer;
import io.github.vippscallback.test.LoopbackHttpClient;
import io.github.vippscallback.test.LoopbackHttpResponse;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The filter configured through init-parameters only, as from web.xml: no builder, no code. In a real
 * Tomcat where it applies, else by calling {@code init} directly to read its error messages.
 */
class VippsCallbackFilterInitParametersTest {

  private static final String CALLBACK = "/vipps/callback";
  private static final String REFRESH_THREAD = "vipps-callback-dns";
  /** A public address: outside every special-purpose block. */
  private static final String PUBLIC_ADDRESS = "93.184.216.34";

  @TempDir Path baseDir;

  @RegisterExtension
  final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 300, "127.0.0.2", "::1")
      .answer("callback-extra.example", 300, "127.0.0.3");

  private @Nullable GuardedTomcat tomcat;

  @AfterEach
  void stopAll() throws Exception {
    if (tomcat != null) {
      tomcat.close();
    }
  }

  private GuardedTomcat server() {
    return Objects.requireNonNull(tomcat, "tomcat was not started");
  }

  private Map<String, String> minimal() {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(PARAM_ENVIRONMENT, "test");
    parameters.put(PARAM_DNS_SERVERS, dns.address());
    // the scripted answers are loopback addresses, where the test requests come from
    parameters.put(PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, "true");
    return parameters;
  }

  private int status(String source) throws Exception {
    return LoopbackHttpClient.from(source).get(server().port(), CALLBACK).status();
  }

  @Test
  void guardsWithEverySettingGivenAsInitParameters() throws Exception {
    Map<String, String> parameters = new HashMap<>();
    parameters.put(PARAM_ENVIRONMENT, " MT ");
    parameters.put(PARAM_DNS_SERVERS, " " + dns.address() + " ,, ");
    // the scripted answers are loopback addresses, where the test requests come from
    parameters.put(PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, " TRUE ");
    parameters.put(PARAM_DNS_TIMEOUT, "500ms");
    parameters.put(PARAM_MIN_TTL, "1s");
    parameters.put(PARAM_MAX_TTL, "PT5M");
    parameters.put(PARAM_MAX_STALE, "1d");
    parameters.put(PARAM_TRUSTED_PROXIES, "127.0.0.5, ,10.0.0.0/8,");
    parameters.put(PARAM_ADDITIONAL_HOSTS, "callback-extra.example");
    parameters.put(PARAM_ADDITIONAL_ADDRESSES, "127.0.0.4/32, 192.0.2.0/24");
    parameters.put(PARAM_RETRY_AFTER, "15s");
    tomcat = GuardedTomcat.startWithInitParameters(baseDir, parameters);
    assertThat(server().applicationAvailable()).isTrue();

    await().atMost(Duration.ofSeconds(30)).until(() -> status("127.0.0.2") == 200);
    assertThat(status("::1")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> status("127.0.0.3") == 200); // the additional host
    assertThat(status("127.0.0.4")).isEqualTo(200); // the additional address
    assertThat(status("127.0.0.9")).isEqualTo(403);
    LoopbackHttpResponse viaProxy = LoopbackHttpClient.from("127.0.0.5")
        .get(server().port(), CALLBACK, Map.of("X-Forwarded-For", "127.0.0.2, 10.9.8.7"));
    assertThat(viaProxy.status()).isEqualTo(200);
    LoopbackHttpResponse spoofedViaProxy = LoopbackHttpClient.from("127.0.0.5")
        .get(server().port(), CALLBACK, Map.of("X-Forwarded-For", "127.0.0.2, 127.0.0.9"));
    assertThat(spoofedViaProxy.status()).isEqualTo(403);
  }

  @ParameterizedTest
  @CsvSource({
      "'', 403", // not given: refused
      "false, 403",
      "true, 200"})
  void takesLoopbackAddressesFromDnsOnlyWithTheAcceptSpecialPurposeAddressesInitParameter(
      String value, int expected) throws Exception {
    dns.answer("callback-extra.example", 300, PUBLIC_ADDRESS); // makes the allowlist ready either way
    Map<String, String> parameters = minimal();
    parameters.remove(PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES);
    if (!value.isEmpty()) {
      parameters.put(PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, value);
    }
    parameters.put(PARAM_ADDITIONAL_HOSTS, "callback-extra.example");
    tomcat = GuardedTomcat.startWithInitParameters(baseDir, parameters);

    await().atMost(Duration.ofSeconds(30)).until(() -> status("127.0.0.2") != 503);

    assertThat(status("127.0.0.2")).isEqualTo(expected); // callback-mt-1.vipps.no answered 127.0.0.2
  }

  @Test
  void refusesAnAcceptSpecialPurposeAddressesInitParameterThatIsNotABoolean() {
    Map<String, String> parameters = minimal();
    parameters.put(PARAM_ACCEPT_SPECIAL_PURPOSE_ADDRESSES, "yes");
    VippsCallbackFilter filter = new VippsCallbackFilter();

    assertThatThrownBy(() -> filter.init(MapFilterConfig.of(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessage("VippsCallbackFilter 'vippsCallback': init-parameter 'accept-special-purpose-addresses' has the"
            + " bad value 'yes': 'yes' is not a boolean; valid: true or false");
  }

  @Test
  void answers503WithTheRetryAfterInitParameterWhileDnsFails() throws Exception {
    dns.behave("callback-mt-1.vipps.no", LoopbackDnsServer.Behaviour.SERVFAIL);
    dns.behave("callback-mt-2.vipps.no", LoopbackDnsServer.Behaviour.SERVFAIL);
    Map<String, String> parameters = minimal();
    parameters.put(PARAM_RETRY_AFTER, "PT15S");
    tomcat = GuardedTomcat.startWithInitParameters(baseDir, parameters);

    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.2").get(server().port(), CALLBACK);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("15");
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void stopsTheAllowlistItBuiltWhenTheFilterIsDestroyed() throws Exception {
    // Allowlists of earlier tests were closed; their refresh threads end soon after.
    await().atMost(Duration.ofSeconds(30)).until(() -> refreshThreads() == 0);
    tomcat = GuardedTomcat.startWithInitParameters(baseDir, minimal());
    await().atMost(Duration.ofSeconds(30)).until(() -> status("127.0.0.2") == 200);
    assertThat(refreshThreads()).isEqualTo(1);

    server().close(); // destroys the filter
    tomcat = null;

    await().atMost(Duration.ofSeconds(30)).until(() -> refreshThreads() == 0);
  }

  @Test
  void leavesAnAllowlistItWasGivenRunningWhenDestroyed() throws Exception {
    dns.answer("callback-mt-1.vipps.no", 1, "127.0.0.2");
    VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .minTtl(Duration.ofSeconds(1))
        .build();
    try {
      allowlist.start();
      assertThat(allowlist.awaitFirstResolution(Duration.ofSeconds(30))).isTrue();
      VippsCallbackFilter filter = VippsCallbackFilter.builder(allowlist).build();
      filter.init(MapFilterConfig.of(Map.of()));
      filter.destroy();

      // Still refreshing: the answer's change reaches the allowlist the caller owns.
      dns.answer("callback-mt-1.vipps.no", 1, "127.0.0.7");
      await().atMost(Duration.ofSeconds(30))
          .until(() -> allowlist.decide("127.0.0.7") == AllowlistDecision.ALLOWED);
    } finally {
      allowlist.close();
    }
  }

  @Test
  void aBadInitParameterStopsTheApplicationSoNothingBehindTheFilterIsServed() throws Exception {
    Map<String, String> parameters = minimal();
    parameters.put(PARAM_MIN_TTL, "soon");

    tomcat = GuardedTomcat.startWithInitParameters(baseDir, parameters);

    assertThat(server().applicationAvailable()).isFalse();
    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.2").get(server().port(), CALLBACK);
    assertThat(response.status()).isNotEqualTo(200);
    assertThat(server().guarded).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "environment | staging | prod, production, test, mt",
    "environment | '' | missing",
    "dns-timeout | 2 seconds | 500ms, 2s, 5m, 24h, 1d",
    "dns-timeout | 0s | positive",
    "min-ttl | soon | ISO-8601",
    "min-ttl | 500ms | at least 1s",
    "max-ttl | -5m | ISO-8601",
    "max-stale | forever | 24h",
    "retry-after | 0s | at least 1s",
    "retry-after | 100ms | at least 1s",
    "trusted-proxies | 10.0.0.1/8 | CIDR",
    "trusted-proxies | proxy.example | CIDR",
    "additional-addresses | 10.0.0.256 | CIDR",
    "additional-addresses | 192.0.2.0/33 | CIDR",
    "dns-servers | 127.0.0.1:99999 | ip:port",
    "dns-servers | dns.example | ip:port",
    "mode | enforcing | enforce, report-only",
    "mode | report_only | enforce, report-only",
    "mode | '' | enforce, report-only",
  })
  void aBadInitParameterFailsInitNamingItTheBadValueAndWhatIsValid(String name, String value, String valid) {
    Map<String, String> parameters = minimal();
    parameters.put(name, value);
    VippsCallbackFilter filter = new VippsCallbackFilter();

    assertThatThrownBy(() -> filter.init(MapFilterConfig.of(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("'vippsCallback'")
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining(value.isEmpty() && !name.equals("mode") ? "missing" : "'" + value + "'")
        .hasMessageContaining(valid);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "environment | staging",
    "min-ttl | soon",
    "min-ttl | 500ms",
    "dns-timeout | 0s",
    "trusted-proxies | 10.0.0.1/8",
    "dns-servers | 127.0.0.1:99999",
    "retry-after | 100ms",
    "mode | enforcing",
  })
  void aBadInitParameterIsWordedWithTheSettingsTablesReasonAndValidValues(String name, String value) {
    Map<String, String> parameters = minimal();
    parameters.put(name, value);
    SettingReader reader = SettingReader.of(Setting.Spelling.INIT_PARAMETER, parameters::get);
    SettingException table = catchThrowableOfType(SettingException.class, () -> {
      reader.allowlist();
      reader.clientAddressResolver();
      reader.retryAfter();
      reader.mode();
    });

    assertThat(table.name()).isEqualTo(name);
    assertThatThrownBy(() -> new VippsCallbackFilter().init(MapFilterConfig.of(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessage("VippsCallbackFilter 'vippsCallback': init-parameter '" + name + "' has the bad value '" + value
            + "': " + table.reason() + "; valid: " + table.setting().validValues());
  }

  @Test
  void aMissingEnvironmentFailsInitListingTheValidOnes() {
    VippsCallbackFilter filter = new VippsCallbackFilter();

    assertThatThrownBy(() -> filter.init(MapFilterConfig.of(Map.of(PARAM_DNS_SERVERS, dns.address()))))
        .isInstanceOf(ServletException.class)
        .hasMessage("VippsCallbackFilter 'vippsCallback': init-parameter 'environment' is missing; valid values: "
            + VippsEnvironment.validValues());
  }

  @Test
  void aMinTtlAboveTheMaxTtlFailsInitNamingBoth() {
    Map<String, String> parameters = minimal();
    parameters.put(PARAM_MIN_TTL, "10m");
    parameters.put(PARAM_MAX_TTL, "5m");

    assertThatThrownBy(() -> new VippsCallbackFilter().init(MapFilterConfig.of(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("'min-ttl' ('10m') is above 'max-ttl' ('5m')");
  }

  @Test
  void anUnknownInitParameterFailsInitSuggestingTheNameMeantAndListingTheValidOnes() {
    Map<String, String> parameters = minimal();
    parameters.remove(PARAM_ENVIRONMENT);
    parameters.put("enviroment", "test");
    parameters.put("trusted-proxy", "10.0.0.1");
    parameters.put("colour", "blue");

    assertThatThrownBy(() -> new VippsCallbackFilter().init(MapFilterConfig.of(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("'enviroment' (did you mean 'environment'?)")
        .hasMessageContaining("'trusted-proxy' (did you mean 'trusted-proxies'?)")
        .hasMessageContaining("'colour'")
        .hasMessageContaining("valid init-parameters: " + String.join(", ", InitParameters.NAMES));
  }

  @Test
  void anUnknownInitParameterStopsTheApplication() throws Exception {
    Map<String, String> parameters = minimal();
    parameters.put("enviroment", "prod");

    tomcat = GuardedTomcat.startWithInitParameters(baseDir, parameters);

    assertThat(server().applicationAvailable()).isFalse();
    LoopbackHttpResponse response = LoopbackHttpClient.from("127.0.0.2").get(server().port(), CALLBACK);
    assertThat(response.status()).isNotEqualTo(200);
    assertThat(server().guarded).isEmpty();
  }

  @Test
  void aFilterBuiltInCodeRefusesInitParametersItWouldIgnore() throws Exception {
    VippsAllowlist allowlist = VippsAllowlist.builder(VippsEnvironment.TEST)
        .dnsServers(List.of(dns.address()))
        .acceptSpecialPurposeAddresses(true) // the scripted answers are loopback addresses, where the test requests come from
        .build();
    VippsCallbackFilter filter = VippsCallbackFilter.builder(allowlist).build();

    assertThatThrownBy(() -> filter.init(MapFilterConfig.of(Map.of(PARAM_TRUSTED_PROXIES, "10.0.0.1"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[trusted-proxies]")
        .hasMessageContaining("builder");
    assertThatCode(() -> filter.init(MapFilterConfig.of(Map.of("some-container-setting", "x"))))
        .doesNotThrowAnyException();
  }

  private static long refreshThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().equals(REFRESH_THREAD))
        .count();
  }
}
