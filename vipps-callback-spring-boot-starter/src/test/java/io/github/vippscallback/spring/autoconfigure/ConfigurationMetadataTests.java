package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.vippscallback.settings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata the build puts into the starter's jar (generated from
 * {@link VippsCallbackProperties} and merged with {@code additional-spring-configuration-metadata.json}):
 * what an IDE completes and documents in {@code application.properties}; and the property reference,
 * {@code docs/reference/properties.md}, which must say the same.
 */
class ConfigurationMetadataTests {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  /** The property reference, from the starter's module directory (the tests' working directory). */
  private static final Path PROPERTY_REFERENCE = Path.of("..", "docs", "reference", "properties.md");

  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern PACKAGE_PREFIX = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+");

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

  @Test
  void propertyReferenceListsEveryPropertyOfTheMetadataWithItsTypeAndDefault() {
    Map<String, DocumentedProperty> documented = documentedProperties();
    Map<String, Map<String, Object>> described = new TreeMap<>();
    List<Map<String, Object>> entries = metadata.read("$.properties[*]");
    for (Map<String, Object> entry : entries) {
      described.put((String) entry.get("name"), entry);
    }

    assertThat(documented.keySet())
        .as("the properties of %s (left) and of the configuration metadata (right)", PROPERTY_REFERENCE)
        .containsExactlyInAnyOrderElementsOf(described.keySet());
    for (Map.Entry<String, Map<String, Object>> entry : described.entrySet()) {
      String name = entry.getKey();
      DocumentedProperty property = Objects.requireNonNull(documented.get(name), name);
      assertThat(property.type())
          .as("the type of %s in %s", name, PROPERTY_REFERENCE)
          .isEqualTo(simpleTypeName(String.valueOf(entry.getValue().get("type"))));
      assertThat(property.defaultValue())
          .as("the default of %s in %s (the first `code` in its Default cell; none when the metadata has none)",
              name, PROPERTY_REFERENCE)
          .isEqualTo(defaultText(entry.getValue().get("defaultValue")));
    }
  }

  @Test
  void metadataDescribesExactlyTheSettingsTablesPropertiesWithItsDefaultsAndValues() {
    List<Map<String, Object>> all = metadata.read("$.properties[*]");
    Map<String, Map<String, Object>> entries = new TreeMap<>();
    for (Map<String, Object> entry : all) {
      String name = String.valueOf(entry.get("name"));
      if (name.startsWith(VippsCallbackProperties.PREFIX + ".")) {
        entries.put(name, entry);
      }
    }

    assertThat(entries.keySet()).as("the vipps.callback.* properties of the metadata (left) and the table (right)")
        .containsExactlyInAnyOrderElementsOf(
            Setting.in(Setting.Spelling.PROPERTY).stream().map(Setting::property).toList());
    for (Setting setting : Setting.in(Setting.Spelling.PROPERTY)) {
      @Nullable Object described = Objects.requireNonNull(entries.get(setting.property())).get("defaultValue");
      @Nullable String table = setting.defaultValue();
      assertThat(described == null ? null : String.valueOf(described).toLowerCase(Locale.ROOT))
          .as("the metadata's default of %s (left) and the table's (right)", setting.property())
          .isEqualTo(table == null ? null : table.toLowerCase(Locale.ROOT));
    }
    for (Setting setting : List.of(Setting.ENVIRONMENT, Setting.MODE)) {
      List<String> values = metadata.read("$.hints[?(@.name == '" + setting.property() + "')].values[*].value");
      assertThat(values).as("the values the metadata suggests for %s (left) and the table's (right)", setting)
          .containsExactlyInAnyOrder(setting.validValues().split(", "));
    }
  }

  @Test
  void propertyReferenceNamesEveryValueTheMetadataSuggests() {
    Map<String, DocumentedProperty> documented = documentedProperties();
    List<Map<String, Object>> hints = metadata.read("$.hints[*]");

    assertThat(hints).isNotEmpty();
    for (Map<String, Object> hint : hints) {
      String name = (String) hint.get("name");
      List<String> values = metadata.read("$.hints[?(@.name == '" + name + "')].values[*].value");
      assertThat(documented).as("%s in %s", name, PROPERTY_REFERENCE).containsKey(name);
      assertThat(backticked(Objects.requireNonNull(documented.get(name), name).validValues()))
          .as("the valid values of %s in %s", name, PROPERTY_REFERENCE)
          .containsAll(values);
    }
  }

  /** One row of the property reference's tables. */
  private record DocumentedProperty(String type, @Nullable String defaultValue, String validValues) {}

  /**
   * Every row of every table in the property reference whose header starts with {@code | Property |}:
   * the name, the type and the first {@code `code`} of the Default cell (prose alone means no default).
   */
  private static Map<String, DocumentedProperty> documentedProperties() {
    Path file = PROPERTY_REFERENCE.toAbsolutePath().normalize();
    assertThat(file)
        .as("the property reference docs/reference/properties.md must exist (looked for %s)", file)
        .isRegularFile();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
    Map<String, DocumentedProperty> properties = new LinkedHashMap<>();
    @Nullable List<String> header = null;
    for (String line : lines) {
      if (!line.startsWith("|")) {
        header = null;
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        header = cells.get(0).equals("Property") ? cells : null;
        continue;
      }
      if (cells.get(0).startsWith("---")) {
        continue;
      }
      assertThat(cells).as("a row of %s: %s", file, line).hasSameSizeAs(header);
      List<String> names = backticked(cells.get(0));
      assertThat(names).as("the Property cell of %s: %s", file, line).hasSize(1);
      List<String> defaults = backticked(cells.get(header.indexOf("Default")));
      DocumentedProperty property = new DocumentedProperty(
          String.join("", backticked(cells.get(header.indexOf("Type")))),
          defaults.isEmpty() ? null : defaults.get(0),
          cells.get(header.indexOf("Valid values")));
      assertThat(properties.put(names.get(0), property))
          .as("%s is described once in %s", names.get(0), file)
          .isNull();
    }
    assertThat(properties).as("the properties in %s", file).isNotEmpty();
    return properties;
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    return List.of(inner.split("\\|", -1)).stream().map(String::strip).toList();
  }

  private static List<String> backticked(String text) {
    Matcher matcher = BACKTICKED.matcher(text);
    List<String> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** {@code java.util.List<java.lang.String>} as the reference writes it: {@code List<String>}. */
  private static String simpleTypeName(String type) {
    return PACKAGE_PREFIX.matcher(type).replaceAll("");
  }

  private static @Nullable String defaultText(@Nullable Object defaultValue) {
    if (defaultValue == null) {
      return null;
    }
    if (defaultValue instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(defaultValue);
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
