package io.github.vippscallback.spring.autoconfigure;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A concrete request path that a guarded path pattern matches, e.g. {@code /vipps/orders/x} for
 * {@code /vipps/orders/{orderId}}: what the start-up checks send through the application's request matchers
 * to see which one would take the endpoint's requests. Shared by the web stacks.
 */
final class RepresentativePath {

  /** Tried in turn for each variable or wildcard until the pattern matches the result. */
  private static final List<String> FILLERS = List.of("x", "1", "vipps", "x1", "0");
  private static final PathPatternParser PARSER = new PathPatternParser();

  private RepresentativePath() {}

  /**
   * A path {@code pattern} matches: every {@code {variable}}, {@code {*rest}}, {@code **}, {@code *} and
   * {@code ?} filled in. When no filler satisfies a variable's regular expression, the path with the first
   * filler, which the pattern does not match (the checks then still see the literal parts).
   *
   * @param pattern a Spring {@code PathPattern}
   * @return a path without wildcards
   */
  static String of(String pattern) {
    PathPattern parsed = PARSER.parse(pattern);
    String first = fill(pattern, FILLERS.get(0));
    for (String filler : FILLERS) {
      String path = fill(pattern, filler);
      if (parsed.matches(PathContainer.parsePath(path))) {
        return path;
      }
    }
    return first;
  }

  private static String fill(String pattern, String filler) {
    StringBuilder path = new StringBuilder(pattern.length());
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '{') {
        int depth = 1;
        int end = i + 1;
        while (end < pattern.length() && depth > 0) {
          char d = pattern.charAt(end);
          if (d == '\\') {
            end++;
          } else if (d == '{') {
            depth++;
          } else if (d == '}') {
            depth--;
          }
          end++;
        }
        path.append(filler);
        i = end;
      } else if (c == '*') {
        path.append(filler);
        while (i < pattern.length() && pattern.charAt(i) == '*') {
          i++;
        }
      } else if (c == '?') {
        path.append(filler.charAt(0));
        i++;
      } else {
        path.append(c);
        i++;
      }
    }
    return path.length() == 0 ? "/" : path.toString();
  }
}
