import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints the Boot-line matrix as the build ran it: one row per Spring Boot version, one column per stack, each
 * cell the consumer application's result and test count (from its failsafe reports). Run by the build after the
 * consumers (java MatrixTable.java target/it target/boot-lines-matrix.md); also writes the table to that file.
 */
public class MatrixTable {

  private static final List<String> STACKS = List.of("mvc-security", "mvc", "webflux-security", "webflux");
  private static final Pattern PARENT = Pattern.compile(
      "<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)</version>");
  private static final Pattern SUITE = Pattern.compile(
      "<testsuite[^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"[^>]*?skipped=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");

  public static void main(String[] args) throws IOException {
    Path it = Path.of(args[0]);
    Map<String, Map<String, String>> rows = new TreeMap<>((a, b) -> compareVersions(b, a));
    try (Stream<Path> cells = Files.list(it)) {
      for (Path cell : cells.filter(p -> p.getFileName().toString().startsWith("boot-")).sorted().toList()) {
        String name = cell.getFileName().toString();
        Matcher parent = PARENT.matcher(Files.readString(cell.resolve("pom.xml")));
        String version = parent.find() ? parent.group(1) : "?";
        String stack = name.substring(name.indexOf('-', "boot-".length()) + 1);
        rows.computeIfAbsent(version, v -> new TreeMap<>()).put(stack, result(cell));
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("| Spring Boot | Spring MVC + Spring Security | Spring MVC | WebFlux + Spring Security | WebFlux |");
    lines.add("|---|---|---|---|---|");
    rows.forEach((version, cells) -> {
      if (cells.containsKey("unsupported")) {
        lines.add("| " + version + " | must not start: " + cells.get("unsupported") + " | | | |");
        return;
      }
      StringBuilder line = new StringBuilder("| " + version + " |");
      for (String stack : STACKS) {
        line.append(' ').append(cells.getOrDefault(stack, "not run")).append(" |");
      }
      lines.add(line.toString());
    });
    System.out.println();
    System.out.println("Spring Boot line matrix (vipps-callback-boot-lines):");
    lines.forEach(System.out::println);
    System.out.println();
    if (args.length > 1) {
      Files.write(Path.of(args[1]), lines, StandardCharsets.UTF_8);
    }
  }

  /** "pass (31 tests)", "FAIL (2 of 31 tests)" or "FAIL (not built)" from the cell's failsafe reports. */
  private static String result(Path cell) throws IOException {
    Path reports = cell.resolve("target/failsafe-reports");
    if (!Files.isDirectory(reports)) {
      return "FAIL (not built)";
    }
    int tests = 0;
    int failed = 0;
    int skipped = 0;
    try (Stream<Path> files = Files.list(reports)) {
      for (Path report : files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        Matcher suite = SUITE.matcher(Files.readString(report));
        if (suite.find()) {
          tests += Integer.parseInt(suite.group(1));
          failed += Integer.parseInt(suite.group(2)) + Integer.parseInt(suite.group(4));
          skipped += Integer.parseInt(suite.group(3));
        }
      }
    }
    if (tests == 0) {
      return "FAIL (no test ran)";
    }
    String count = tests + (tests == 1 ? " test" : " tests");
    String skips = skipped == 0 ? "" : ", " + skipped + " skipped";
    return failed == 0 ? "pass (" + count + skips + ")" : "FAIL (" + failed + " of " + count + ")";
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d+") && y[i].matches("\\d+")
          ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
