package io.github.vippscallback.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.settings.Setting.Spelling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The three reference pages list exactly the settings table's settings of their front end, each with the
 * table's default and, where the valid values are a closed list, each of them: drift between the table and a
 * page fails here. The pages' tables are read as Markdown: a row is {@code | `name` | ... |}; a name in
 * several tables (the init-parameter {@code mode}, in both filters' tables) is checked in each.
 */
class SettingReferencePagesTest {

  private static final Path REFERENCE = Path.of("..", "docs", "reference");

  /** The firewall tool's own options: they configure the tool, not the library, so the table has none. */
  private static final Set<String> TOOL_OPTIONS = Set.of("--format", "--watch", "--on-change", "--help");

  @Test
  void propertyReferenceListsEveryPropertyWithTheTablesDefaultAndValidValues() {
    Map<String, List<List<String>>> rows = rows("properties.md", "vipps.callback.");

    assertThat(rows.keySet()).as("the vipps.callback.* properties of properties.md (left) and the table (right)")
        .containsExactlyInAnyOrderElementsOf(names(Spelling.PROPERTY));
    for (Setting setting : Setting.in(Spelling.PROPERTY)) {
      for (List<String> cells : Objects.requireNonNull(rows.get(setting.property()))) {
        assertDefault(setting, setting.property(), cells.get(2));
        assertListedValues(setting, setting.property(), cells.get(3));
      }
    }
  }

  @Test
  void initParameterReferenceListsEveryInitParameterWithTheTablesDefaultAndValidValues() {
    Map<String, List<List<String>>> rows = rows("servlet-init-parameters.md", "");

    assertThat(rows.keySet()).as("the init-parameters of servlet-init-parameters.md (left) and the table (right)")
        .containsExactlyInAnyOrderElementsOf(names(Spelling.INIT_PARAMETER));
    for (Setting setting : Setting.in(Spelling.INIT_PARAMETER)) {
      String name = Objects.requireNonNull(setting.nameIn(Spelling.INIT_PARAMETER));
      for (List<String> cells : Objects.requireNonNull(rows.get(name))) { // 'mode' is in both filters' tables
        assertDefault(setting, name, cells.get(1));
        assertListedValues(setting, name, cells.get(2));
      }
    }
  }

  @Test
  void firewallToolReferenceListsEveryFlagWithTheTablesDefaultAndValidValues() {
    Map<String, List<List<String>>> rows = rows("firewall-tool.md", "--");
    Set<String> settings = new TreeSet<>(rows.keySet());
    settings.removeAll(TOOL_OPTIONS);

    assertThat(rows.keySet()).as("the tool's own options are documented").containsAll(TOOL_OPTIONS);
    assertThat(settings).as("the setting flags of firewall-tool.md (left) and the table (right)")
        .containsExactlyInAnyOrderElementsOf(names(Spelling.FLAG));
    for (Setting setting : Setting.in(Spelling.FLAG)) {
      String flag = Objects.requireNonNull(setting.nameIn(Spelling.FLAG));
      assertThat(rows.get(flag)).as("the rows of %s", flag).hasSize(1);
      List<String> cells = Objects.requireNonNull(rows.get(flag)).get(0);
      if (isSwitch(setting)) {
        assertThat(cells.get(1)).as("%s takes no value", flag).isEqualTo("none");
        assertThat(cells.get(2)).as("the default of switch %s", flag)
            .isEqualTo(Boolean.parseBoolean(setting.defaultValue()) ? "on" : "off");
      } else {
        assertDefault(setting, flag, cells.get(2));
        assertListedValues(setting, flag, cells.get(1));
      }
    }
  }

  private static boolean isSwitch(Setting setting) {
    return setting.validValues().equals(SettingText.BOOLEAN);
  }

  /** A default cell shows the table's default as code, or, without one, no value at all ("none: required"). */
  private static void assertDefault(Setting setting, String name, String cell) {
    @Nullable String defaultValue = setting.defaultValue();
    if (defaultValue == null) {
      assertThat(cell).as("the default of %s, which has none in the table", name).doesNotContain("`");
    } else {
      assertThat(cell).as("the default of %s", name).startsWith("`" + defaultValue + "`");
    }
  }

  /** Every value of a closed list of valid values appears as code in the given cell. */
  private static void assertListedValues(Setting setting, String name, String cell) {
    if (setting.listsValues()) {
      for (String value : setting.validValues().split(" or |, ")) {
        assertThat(cell).as("the valid values of %s", name).contains("`" + value + "`");
      }
    }
  }

  private static List<String> names(Spelling spelling) {
    List<String> names = new ArrayList<>();
    for (Setting setting : Setting.in(spelling)) {
      names.add(Objects.requireNonNull(setting.nameIn(spelling)));
    }
    return names;
  }

  /** The rows of every table of a page whose first cell is a code name with the prefix, by that name. */
  private static Map<String, List<List<String>>> rows(String page, String prefix) {
    Path file = REFERENCE.resolve(page).toAbsolutePath().normalize();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
    Map<String, List<List<String>>> rows = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith("| `" + prefix)) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|", -1)) {
        cells.add(cell.strip());
      }
      String name = cells.get(0).substring(1, cells.get(0).length() - 1);
      rows.computeIfAbsent(name, key -> new ArrayList<>()).add(cells);
    }
    assertThat(rows).as("the tables of %s", file).isNotEmpty();
    return rows;
  }
}
