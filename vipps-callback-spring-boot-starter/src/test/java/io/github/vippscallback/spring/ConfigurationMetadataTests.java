package io.github.vippscallback.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata the build puts into the starter's jar (generated from
 * {@link VippsCallbackProperties} and merged with {@code additional-spring-configuration-metadata.json}):
 * what an IDE completes and documents in {@code application.properties}.
 */
class ConfigurationMetadataTests {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  private final DocumentContext metadata = startersMetadata();

  @Test
  void healthIndicatorSwitchIsDescribedLikeSpringBootsOwn() {
    Map<String, Object> entry = property("management.health.vippscallback.enabled");

    assertThat(entry).containsEntry("type", "java.lang.Boolean").containsEntry("defaultValue", true);
    assertThat(entry.get("description")).asString().startsWith("Whether to enable").contains("health");
  }

  @Test
  void retryAfterIsDescribedWithItsDefaultAndRules() {
    Map<String, Object> entry = property("vipps.callback.retry-after");

    assertThat(entry).containsEntry("type", "java.time.Duration").containsEntry("defaultValue", "60s");
    assertThat(entry.get("description")).asString().contains("Retry-After", "At least 1s", "rounded up");
  }

  @Test
  void environmentAndModeSuggestTheirValues() {
    assertThat(metadata.read("$.hints[?(@.name == 'vipps.callback.environment')].values[*].value", List.class))
        .containsExactly("prod", "test", "production", "mt");
    assertThat(metadata.read("$.hints[?(@.name == 'vipps.callback.mode')].values[*].value", List.class))
        .containsExactly("enforce", "report-only");
  }

  private Map<String, Object> property(String name) {
    List<Map<String, Object>> entries = metadata.read("$.properties[?(@.name == '" + name + "')]");
    assertThat(entries).as(name).hasSize(1);
    return entries.get(0);
  }

  /** The starter's own metadata file: the one beside {@link VippsCallbackProperties}, not Boot's. */
  private static DocumentContext startersMetadata() {
    String starter = VippsCallbackProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
    try {
      for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader().getResources(METADATA))) {
        if (url.toString().contains(starter)) {
          try (InputStream in = url.openStream()) {
            return JsonPath.parse(in);
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + METADATA, e);
    }
    throw new AssertionError(METADATA + " is not in " + starter);
  }
}
