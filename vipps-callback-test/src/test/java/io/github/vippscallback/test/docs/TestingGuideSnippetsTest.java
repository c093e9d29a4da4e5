package io.github.vippscallback.test.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The testing guide promises that each Java snippet is cut from a real test: each snippet's lines appear,
 * in order, in the test file named last before it.
 */
class TestingGuideSnippetsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path GUIDE = ROOT.resolve("docs/guides/testing-your-integration.md");
  private static final Pattern JAVA_FILE = Pattern.compile("(\\w+Test[s]?\\.java)");

  record Snippet(String file, List<String> lines) {}

  @Test
  void everyJavaSnippetOfTheTestingGuideIsCutFromTheTestItNames() throws IOException {
    List<Snippet> snippets = snippets(Files.readString(GUIDE, StandardCharsets.UTF_8));

    assertThat(snippets).hasSizeGreaterThanOrEqualTo(5);
    for (Snippet snippet : snippets) {
      List<String> source = Files.readAllLines(find(snippet.file()), StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .toList();
      int at = 0;
      for (String line : snippet.lines()) {
        int found = source.subList(at, source.size()).indexOf(line);
        assertThat(found).as("'%s' of the guide's snippet, in %s after line %d", line, snippet.file(), at)
            .isNotNegative();
        at += found + 1;
      }
    }
  }

  private static List<Snippet> snippets(String guide) {
    List<Snippet> snippets = new ArrayList<>();
    @Nullable String file = null;
    @Nullable List<String> lines = null;
    for (String line : guide.split("\n", -1)) {
      if (lines != null) {
        if (line.startsWith("```")) {
          snippets.add(new Snippet(requireFile(file), lines));
          lines = null;
        } else if (!line.isBlank()) {
          lines.add(line.strip());
        }
      } else if (line.startsWith("```java")) {
        lines = new ArrayList<>();
      } else {
        Matcher named = JAVA_FILE.matcher(line);
        while (named.find()) {
          file = named.group(1);
        }
      }
    }
    return snippets;
  }

  private static String requireFile(@Nullable String file) {
    if (file == null) {
      throw new AssertionError("the guide names no test file before a snippet");
    }
    return file;
  }

  private static Path find(String fileName) {
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Path> found = files
          .filter(path -> path.getFileName().toString().equals(fileName))
          .filter(path -> path.toString().contains("/src/test/java/"))
          .toList();
      assertThat(found).as("test file %s", fileName).hasSize(1);
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
