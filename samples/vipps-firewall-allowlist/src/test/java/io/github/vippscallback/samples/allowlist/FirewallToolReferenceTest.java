package io.github.vippscallback.samples.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tool's reference, {@code docs/reference/firewall-tool.md}, lists exactly the options of its usage
 * text, each once.
 */
class FirewallToolReferenceTest {

  /** The reference, from the module directory (the tests' working directory). */
  private static final Path REFERENCE = Path.of("..", "..", "docs", "reference", "firewall-tool.md");

  private static final Pattern USAGE_OPTION = Pattern.compile("(?m)^\\s+(--[a-z][a-z-]*)\\s");
  private static final Pattern TABLE_OPTION = Pattern.compile("^\\|\\s*`(--[a-z][a-z-]*)`\\s*\\|");

  @Test
  void referenceListsEveryOptionOfTheUsageText() {
    String options = Usage.TEXT.substring(Usage.TEXT.indexOf("Options:"), Usage.TEXT.indexOf("Exit codes:"));
    List<String> inUsage = new ArrayList<>();
    Matcher option = USAGE_OPTION.matcher(options);
    while (option.find()) {
      inUsage.add(option.group(1));
    }

    assertThat(inUsage).as("the options of the usage text").isNotEmpty().doesNotHaveDuplicates();
    assertThat(documentedOptions())
        .as("the options in %s (left) and in the usage text (right)", REFERENCE)
        .containsExactlyInAnyOrderElementsOf(inUsage);
  }

  private static List<String> documentedOptions() {
    Path file = REFERENCE.toAbsolutePath().normalize();
    assertThat(file)
        .as("the reference docs/reference/firewall-tool.md must exist (looked for %s)", file)
        .isRegularFile();
    List<String> options = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        Matcher row = TABLE_OPTION.matcher(line);
        if (row.find()) {
          options.add(row.group(1));
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
    assertThat(options).as("the options in %s", file).isNotEmpty().doesNotHaveDuplicates();
    return options;
  }
}
