package io.github.vippscallback.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.settings.Setting;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The init-parameter reference, {@code docs/reference/servlet-init-parameters.md}, lists exactly the
 * init-parameters each filter reads (its public {@code PARAM_} constants), each once; and those are the
 * core's settings table's init-parameters of that filter's check.
 */
class InitParameterReferenceTest {

  /** The reference, from the module directory (the tests' working directory). */
  private static final Path REFERENCE = Path.of("..", "docs", "reference", "servlet-init-parameters.md");

  private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

  @Test
  void referenceListsEveryInitParameterOfTheAddressFilter() {
    assertThat(documented("VippsCallbackFilter"))
        .as("the init-parameters of VippsCallbackFilter in %s (left) and its PARAM_ constants (right)", REFERENCE)
        .containsExactlyInAnyOrderElementsOf(parameterNames(VippsCallbackFilter.class));
  }

  @Test
  void referenceListsEveryInitParameterOfTheSignatureFilter() {
    assertThat(documented("VippsWebhookSignatureFilter"))
        .as("the init-parameters of VippsWebhookSignatureFilter in %s (left) and its PARAM_ constants (right)",
            REFERENCE)
        .containsExactlyInAnyOrderElementsOf(parameterNames(VippsWebhookSignatureFilter.class));
  }

  @Test
  void eachFiltersInitParametersAreTheSettingsTablesForItsCheck() {
    assertThat(parameterNames(VippsCallbackFilter.class))
        .as("VippsCallbackFilter's PARAM_ constants (left) and the table's address-check init-parameters (right)")
        .containsExactlyInAnyOrderElementsOf(tableNames(true))
        .containsExactlyInAnyOrderElementsOf(InitParameters.NAMES);
    assertThat(parameterNames(VippsWebhookSignatureFilter.class))
        .as("VippsWebhookSignatureFilter's PARAM_ constants (left) and the table's signature-check init-parameters")
        .containsExactlyInAnyOrderElementsOf(tableNames(false));
  }

  private static List<String> tableNames(boolean addressCheck) {
    List<String> names = new ArrayList<>();
    for (Setting setting : Setting.in(Setting.Spelling.INIT_PARAMETER)) {
      if (addressCheck ? setting.configuresAddressCheck() : setting.configuresSignatureCheck()) {
        names.add(Objects.requireNonNull(setting.nameIn(Setting.Spelling.INIT_PARAMETER)));
      }
    }
    return names;
  }

  /** The first-cell names of the table rows in the section whose heading names {@code filter}. */
  private static List<String> documented(String filter) {
    Path file = REFERENCE.toAbsolutePath().normalize();
    assertThat(file)
        .as("the reference docs/reference/servlet-init-parameters.md must exist (looked for %s)", file)
        .isRegularFile();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
    List<String> names = new ArrayList<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.contains("`" + filter + "`");
      } else if (inSection) {
        Matcher row = FIRST_CELL.matcher(line);
        if (row.find()) {
          names.add(row.group(1));
        }
      }
    }
    assertThat(names).as("the section on %s in %s", filter, file).isNotEmpty().doesNotHaveDuplicates();
    return names;
  }

  private static List<String> parameterNames(Class<?> filter) {
    List<String> names = new ArrayList<>();
    for (Field field : filter.getFields()) {
      int modifiers = field.getModifiers();
      if (field.getName().startsWith("PARAM_") && Modifier.isStatic(modifiers) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    assertThat(names).as("the PARAM_ constants of %s", filter.getSimpleName()).isNotEmpty();
    return names;
  }
}
