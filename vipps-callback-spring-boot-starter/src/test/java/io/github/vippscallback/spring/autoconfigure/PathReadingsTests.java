package io.github.vippscallback.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every reading of a path that a container, proxy, gateway or backend may route by. */
class PathReadingsTests {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // RFC 3986, section 5.2.4 and the examples of 5.4
      "/a/b/c/./../../g, /a/g",
      "mid/content=5/../6, mid/6",
      "/a/b/c/../../../../g, /g",
      "/./g, /g",
      "/../g, /g",
      "/g., /g.",
      "/.g, /.g",
      "/g.., /g..",
      "/..g, /..g",
      "/a/b/./../c/., /a/c/",
      "/a/b/.., /a/",
      "/, /",
      "'', ''"})
  void removeDotSegmentsFollowsRfc3986(String path, String resolved) {
    assertThat(PathReadings.removeDotSegments(path)).isEqualTo(resolved);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/a%2eb, /a.b",
      "/shop/%2E%2E/vipps, /shop/../vipps",
      "/vipps%2Fcallback, /vipps/callback",
      "/vipps%5ccallback, /vipps\\callback",
      "/a%3bb, /a;b",
      "/caf%C3%A9, /café",
      "/latin%E9, /latiné",
      "/bad%zz/x, /bad%zz/x",
      "/cut%2, /cut%2",
      "/end%, /end%",
      "/twice%252e, /twice%2e"})
  void decodeDecodesOnceAndKeepsBadEscapes(String path, String decoded) {
    assertThat(PathReadings.decode(path)).isEqualTo(decoded);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/a;x/b;y=1, /a/b",
      "/shop/..;/vipps, /shop/../vipps",
      "/a;jsessionid=1, /a",
      "/a/b, /a/b"})
  void removeParametersDropsEachSegmentsParameters(String path, String removed) {
    assertThat(PathReadings.removeParameters(path)).isEqualTo(removed);
  }

  @Test
  void collapseSlashesKeepsOneOfEachRun() {
    assertThat(PathReadings.collapseSlashes("///vipps//x///y/")).isEqualTo("/vipps/x/y/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bad%zz", "/x%0", "/nul%00.png", "/cr%0d", "/del%7F", "/raw\u0000"})
  void firstUnreadableFindsBadEscapesAndControlCharacters(String path) {
    assertThat(PathReadings.firstUnreadable(path)).isEqualTo(path.indexOf(path.startsWith("/raw") ? '\u0000' : '%'));
  }

  @Test
  void firstUnreadableIsMinusOneForReadablePaths() {
    assertThat(PathReadings.firstUnreadable("/a%2e/b%2F%41;x")).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/vipps/callback", "/vipps/callback/", "/a.b/..c/...", "/v-1_2~x"})
  void plainPathHasItselfAsItsOnlyReading(String path) {
    assertThat(PathReadings.isPlain(path)).isTrue();
    assertThat(PathReadings.of(path)).containsExactly(new PathReadings.Reading(path, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"//vipps", "/a//b", "/a/./b", "/a/../b", "/a/..", "/a/.", "/a%2e", "/a;b", "/a\\b",
      "/a\u0000", "..", "."})
  void pathThatSomeStepChangesIsNotPlain(String path) {
    assertThat(PathReadings.isPlain(path)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/shop/../vipps/callback",
      "/shop/%2e%2e/vipps/callback",
      "/shop/%2E%2E/vipps/callback",
      "/shop/..;/vipps/callback",
      "/shop/x/../../vipps/callback",
      "/shop/.%2e/vipps/callback",
      "/shop/%2e%2e%2fvipps/callback",
      "/shop/..%5cvipps/callback",
      "/shop/..\\vipps/callback",
      "/shop//..//vipps/callback",
      "/shop/%2e%2e;x/vipps/callback",
      "/shop/..%3b/vipps/callback",
      "/shop/..%00/vipps/callback",
      "/shop/%00../vipps/callback",
      "/vipps/callback%00/../../shop"})
  void gatewayPathTricksHaveAReadingOfTheGuardedPath(String path) {
    assertThat(PathReadings.of(path)).extracting(PathReadings.Reading::path).contains("/vipps/callback");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/shop/..%00/vipps, /shop/../vipps",
      "/a%zz/b, /azz/b",
      "/a%0d%0a/b%7f, /a/b",
      "/a%2e/b, /a%2e/b"})
  void withoutUnreadableLeavesOutControlCharactersAndBadEscapes(String path, String left) {
    assertThat(PathReadings.withoutUnreadable(path)).isEqualTo(left);
  }

  @Test
  void unreadablePathIsAlsoReadUpToItsFirstUnreadableSpot() {
    assertThat(PathReadings.of("/vipps/callback%zz")).extracting(PathReadings.Reading::path)
        .contains("/vipps/callback", "/vipps/callback%zz");
  }

  /**
   * An oracle over generated paths: whatever {@code java.net.URI} makes of a path once decoded (its own
   * RFC 3986 normalization), and what a server that strips parameters, reads backslashes as slashes and
   * collapses slashes before resolving makes of it, is among the readings; and a path called plain has no
   * other reading.
   */
  @Test
  void readingsIncludeWhatIndependentNormalizersMakeOfGeneratedPaths() {
    Random random = new Random(20261207L);
    String[] pieces = {"/", "/", "a", "vipps", ".", "..", "%2e", "%2E", "%2f", "%5c", ";", ";x=1", "\\", "%", "%3b"};
    for (int n = 0; n < 20_000; n++) {
      StringBuilder path = new StringBuilder("/");
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        path.append(pieces[random.nextInt(pieces.length)]);
      }
      String candidate = path.toString();
      Set<String> readings = Set.copyOf(PathReadings.of(candidate).stream().map(PathReadings.Reading::path).toList());

      String decoded = PathReadings.decode(candidate);
      for (String expected : Arrays.asList(
          uriNormalized(decoded),
          PathReadings.removeDotSegments(PathReadings.collapseSlashes(
              PathReadings.removeParameters(decoded).replace('\\', '/'))))) {
        if (expected != null) {
          assertThat(readings).as(candidate).contains(expected);
        }
      }
      if (PathReadings.isPlain(candidate)) {
        assertThat(readings).as(candidate).containsExactly(candidate);
      }
    }
  }

  /** {@code java.net.URI}'s normalization of an absolute path, or {@code null} when it is no such path. */
  private static @Nullable String uriNormalized(String path) {
    if (!path.startsWith("/") || path.startsWith("//")) {
      return null; // URI would read "//x" as an authority
    }
    try {
      String normalized = new URI(null, null, path, null).normalize().getPath();
      return normalized.startsWith("/..") || normalized.contains("//") ? null : normalized;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
