package io.github.vippscallback.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every jar the BOM manages (the published ones) is a well-behaved module on the module path: it names a
 * stable {@code Automatic-Module-Name}, unique and under the project's package root, and no two of them share a
 * package (a split package would stop a modular application from using both).
 */
class PublishedModulesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MANAGED = Pattern.compile("<artifactId>(vipps-callback-[a-z-]+)</artifactId>");
  private static final Pattern MODULE_NAME =
      Pattern.compile("<Automatic-Module-Name>([^<]+)</Automatic-Module-Name>");

  @Test
  void everyPublishedJarNamesItsOwnAutomaticModuleName() throws Exception {
    Map<String, String> names = new HashMap<>();
    for (String module : publishedJars()) {
      Matcher name = MODULE_NAME.matcher(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
      assertThat(name.find()).as(module + " sets Automatic-Module-Name in its jar's manifest").isTrue();
      assertThat(name.group(1)).as(module).matches("io\\.github\\.vippscallback(\\.[a-z]+)+");
      assertThat(names.put(name.group(1), module)).as("module name " + name.group(1) + " used twice").isNull();
    }
    assertThat(names).hasSize(publishedJars().size());
  }

  @Test
  void noTwoPublishedJarsShareAPackage() throws Exception {
    Map<String, String> owner = new HashMap<>();
    for (String module : publishedJars()) {
      for (String pkg : packages(ROOT.resolve(module).resolve("src"))) {
        String other = owner.put(pkg, module);
        assertThat(other).as("package " + pkg + " is in both " + other + " and " + module).isNull();
      }
    }
    assertThat(owner).containsKeys("io.github.vippscallback.allowlist", "io.github.vippscallback.servlet");
  }

  /** The jar modules the BOM manages: every published module but the BOM itself. */
  private static List<String> publishedJars() throws Exception {
    List<String> modules = new ArrayList<>();
    Matcher managed = MANAGED.matcher(Files.readString(ROOT.resolve("vipps-callback-bom/pom.xml")));
    while (managed.find()) {
      if (!managed.group(1).equals("vipps-callback-bom")) {
        modules.add(managed.group(1));
      }
    }
    assertThat(modules).contains("vipps-callback-core", "vipps-callback-spring-boot-starter");
    return modules;
  }

  /** The packages of the main (not test) Java sources under {@code src}, e.g. src/main/java, src/loopback-dns/java. */
  private static Set<String> packages(Path src) throws Exception {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = src.relativize(file);
        if (relative.getName(0).toString().equals("test") || relative.getNameCount() < 4) {
          continue;
        }
        Path packagePath = relative.subpath(2, relative.getNameCount() - 1);
        packages.add(packagePath.toString().replace(file.getFileSystem().getSeparator(), "."));
      }
    }
    return packages;
  }
}
