package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.spring.testapp.CallbackApplication;
import io.github.vippscallback.spring.testapp.CallbackDns;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Each bad setting stops start-up with a message naming the property, the bad value and what is valid. */
@ExtendWith(OutputCaptureExtension.class)
class VippsCallbackFailureAnalyzerTests {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VippsCallbackAutoConfiguration.class))
      .withPropertyValues("vipps.callback.dns.servers=" + CallbackDns.SCRIPTED.address(),
          "vipps.callback.dns.accept-special-purpose-addresses=true"); // CallbackDns answers loopback addresses, where the test requests come from

  @Test
  void missingEnvironmentNamesPropertyAndValidValues() {
    FailureAnalysis analysis = analyze(runner);

    assertThat(analysis.getDescription()).contains("vipps.callback.environment").contains("(not set)");
    assertThat(analysis.getAction()).contains("Set vipps.callback.environment").contains("prod, production, test, mt");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "vipps.callback.environment | staging | vipps.callback.environment | 'staging' | prod, production, test, mt",
      "vipps.callback.trusted-proxies | 10.0.0.1,10.0.0.256 | vipps.callback.trusted-proxies[1] | '10.0.0.256' | CIDR",
      "vipps.callback.trusted-proxies | 10.0.0.1/8 | vipps.callback.trusted-proxies[0] | '10.0.0.1/8' | CIDR",
      "vipps.callback.additional-addresses | localhost | vipps.callback.additional-addresses[0] | 'localhost' | CIDR",
      "vipps.callback.trusted-proxies[0] | 10.0.0.0/33 | vipps.callback.trusted-proxies[0] | '10.0.0.0/33' | CIDR",
      "vipps.callback.mode | dry-run | vipps.callback.mode | 'dry-run' | enforce, report-only",
      "vipps.callback.dns.servers | 127.0.0.1:99999 | vipps.callback.dns.servers[0] | '127.0.0.1:99999' | optional port",
      "vipps.callback.dns.servers | dns.example.com | vipps.callback.dns.servers[0] | 'dns.example.com' | IP address literals",
      "vipps.callback.paths | vipps/** | vipps.callback.paths[0] | 'vipps/**' | starting with '/'",
      "vipps.callback.dns.min-ttl | 10m | vipps.callback.dns.min-ttl | '10m / 5m' | not above max-ttl",
      "vipps.callback.dns.min-ttl | 600s | vipps.callback.dns.min-ttl | '600s / 5m' | not above max-ttl",
      "vipps.callback.dns.timeout | 0s | vipps.callback.dns.timeout | vipps.callback.dns.timeout must be positive | positive",
      "vipps.callback.dns.max-stale | -1h | vipps.callback.dns.max-stale | vipps.callback.dns.max-stale must not be negative | zero or more",
      "vipps.callback.retry-after | 0s | vipps.callback.retry-after | '0s' | at least 1s",
      "vipps.callback.retry-after | 500ms | vipps.callback.retry-after | '500ms' | at least 1s",
      "vipps.callback.retry-after | -5 | vipps.callback.retry-after | '-5' | at least 1s"})
  void badValueNamesPropertyValueAndValidValues(
      String property, String value, String named, String shown, String valid) {
    FailureAnalysis analysis = analyze(runner.withPropertyValues(
        "vipps.callback.environment=" + (property.endsWith("environment") ? value : "prod"),
        property + "=" + value));

    assertThat(analysis.getDescription()).contains("Property: " + named).contains(shown).doesNotContain("PT");
    assertThat(analysis.getAction()).contains(valid);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "ENVIRONMENT | staging",
      "MIN_TTL | 500ms",
      "DNS_TIMEOUT | 0s",
      "MAX_STALE | -1h",
      "RETRY_AFTER | 500ms",
      "MODE | dry-run"})
  void badValueIsWordedWithTheSettingsTablesNameAndValidValues(Setting setting, String value) {
    FailureAnalysis analysis = analyze(runner.withPropertyValues(
        "vipps.callback.environment=" + (setting == Setting.ENVIRONMENT ? value : "prod"),
        setting.property() + "=" + value));

    assertThat(analysis.getDescription()).contains("Property: " + setting.property() + "\n")
        .contains("Value:    '" + value + "'\n");
    assertThat(analysis.getAction()).isEqualTo("Change " + setting.property() + ". Valid values: "
        + setting.validValues() + ".");
  }

  @ParameterizedTest(name = "vipps.callback.paths={0}")
  @CsvSource(delimiter = '|', value = {"vipps/**", "/vipps/{*rest}/more"})
  void badPathIsWordedWithTheSettingsTablesValidValues(String value) {
    FailureAnalysis analysis = analyze(runner.withPropertyValues(
        "vipps.callback.environment=prod", Setting.PATHS.property() + "=" + value));

    assertThat(analysis.getDescription()).contains("Property: " + Setting.PATHS.property() + "[0]\n")
        .contains("Value:    '" + value + "'\n");
    assertThat(analysis.getAction()).isEqualTo("Change " + Setting.PATHS.property() + "[0]. Valid values: "
        + Setting.PATHS.validValues() + ".");
  }

  @Test
  void analyzerIsRegisteredWithSpringBoot() {
    // Other analyzers need constructor arguments; only ours matters here.
    List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
        .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));

    assertThat(analyzers).hasAtLeastOneElementOfType(VippsCallbackFailureAnalyzer.class);
  }

  @Test
  void applicationThatFailsToStartPrintsTheAnalysis(CapturedOutput output) {
    SpringApplicationBuilder application = new SpringApplicationBuilder(CallbackApplication.class)
        .properties("server.port=0", "vipps.callback.environment=staging",
            "vipps.callback.dns.servers=" + CallbackDns.SCRIPTED.address(),
            "vipps.callback.dns.accept-special-purpose-addresses=true"); // CallbackDns answers loopback addresses, where the test requests come from

    try {
      application.run().close();
    } catch (RuntimeException expected) {
      // the failure analysis is what this test is about
    }

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Property: vipps.callback.environment")
        .contains("Value:    'staging'")
        .contains("Valid values: prod, production, test, mt");
  }

  private static FailureAnalysis analyze(WebApplicationContextRunner runner) {
    List<FailureAnalysis> analyses = new ArrayList<>();
    runner.run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      assertThat(failure).isNotNull();
      FailureAnalysis result = new VippsCallbackFailureAnalyzer().analyze(Objects.requireNonNull(failure));
      assertThat(result).isNotNull();
      analyses.add(Objects.requireNonNull(result));
    });
    assertThat(analyses).hasSize(1);
    return analyses.get(0);
  }
}
