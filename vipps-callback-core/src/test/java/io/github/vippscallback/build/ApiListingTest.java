package io.github.vippscallback.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's API check ({@link ApiListing}, under etc/api, run on every published module): a listed API
 * passes, and an added, removed or changed public member fails with a message that names it and the update
 * command.
 */
class ApiListingTest {

  private static final String GREETER = """
      package demo;
      public final class Greeter {
        public static final String HELLO = "hello";
        public Greeter() { }
        public String greet(String name) { return HELLO + " " + name; }
        String packagePrivate() { return ""; }
        private void hidden() { }
        public static final class Builder {
          protected <T extends CharSequence> T name(T name) { return name; }
        }
        static final class Internal { public void notApi() { } }
      }
      """;

  @Test
  void checkPassesWhenTheApiIsTheListedOne(@TempDir Path dir) throws IOException {
    Path listing = dir.resolve("api/demo.api");
    Files.createDirectories(listing.getParent());
    Files.writeString(listing, listingOf(dir.resolve("v1"), GREETER), StandardCharsets.UTF_8);

    assertThat(ApiListing.check("demo", listing, listingOf(dir.resolve("v1-again"), GREETER))).isEmpty();
  }

  @Test
  void listingHoldsPublicAndProtectedMembersOfPublicTypesOnly(@TempDir Path dir) throws IOException {
    assertThat(listingOf(dir, GREETER)).isEqualTo("""
        public final class demo.Greeter {
        \tpublic Greeter()
        \tpublic java.lang.String greet(java.lang.String)
        \tpublic static final java.lang.String HELLO
        }

        public static final class demo.Greeter$Builder {
        \tprotected <T extends java.lang.CharSequence> T name(T)
        \tpublic Builder()
        }

        """);
  }

  @Test
  void checkFailsOnAnUnlistedPublicMethodAndSaysHowToUpdateTheListing(@TempDir Path dir) throws IOException {
    Path listing = dir.resolve("demo.api");
    Files.writeString(listing, listingOf(dir.resolve("v1"), GREETER), StandardCharsets.UTF_8);
    String changed = GREETER.replace("String packagePrivate()", "public int count(long... values) throws"
        + " java.io.IOException { return 0; }\n  String packagePrivate()");

    Optional<String> failure = ApiListing.check("demo", listing, listingOf(dir.resolve("v2"), changed));

    assertThat(failure).hasValueSatisfying(message -> assertThat(message)
        .contains("The public API of demo differs from its listing " + listing)
        .contains("  + demo.Greeter: public int count(long...) throws java.io.IOException")
        .doesNotContain("  - ")
        .contains("./mvnw -B -Papi-dump -DskipTests verify")
        .contains("commit api/demo.api"));
  }

  @Test
  void checkFailsOnARemovedOrChangedMember(@TempDir Path dir) throws IOException {
    Path listing = dir.resolve("demo.api");
    Files.writeString(listing, listingOf(dir.resolve("v1"), GREETER), StandardCharsets.UTF_8);
    String changed = GREETER.replace("public String greet(String name)", "public String greet(CharSequence name)");

    Optional<String> failure = ApiListing.check("demo", listing, listingOf(dir.resolve("v2"), changed));

    assertThat(failure).hasValueSatisfying(message -> assertThat(message)
        .contains("  - demo.Greeter: public java.lang.String greet(java.lang.String)")
        .contains("  + demo.Greeter: public java.lang.String greet(java.lang.CharSequence)"));
  }

  @Test
  void checkFailsWhenTheListingIsMissing(@TempDir Path dir) throws IOException {
    Optional<String> failure = ApiListing.check("demo", dir.resolve("none.api"), listingOf(dir.resolve("v1"), GREETER));

    assertThat(failure).hasValueSatisfying(message -> assertThat(message).contains("(missing)"));
  }

  @Test
  void checkIgnoresChangesOutsideThePublicApi(@TempDir Path dir) throws IOException {
    Path listing = dir.resolve("demo.api");
    Files.writeString(listing, listingOf(dir.resolve("v1"), GREETER), StandardCharsets.UTF_8);
    String changed = GREETER.replace("private void hidden() { }", "private void hidden(int renamed) { }")
        .replace("public void notApi() { }", "public void stillNotApi() { }");

    assertThat(ApiListing.check("demo", listing, listingOf(dir.resolve("v2"), changed))).isEmpty();
  }

  /** Compiles {@code source} (class demo.Greeter) into {@code dir} and lists its API. */
  private static String listingOf(Path dir, String source) throws IOException {
    Path sourceFile = dir.resolve("src/demo/Greeter.java");
    Path classes = dir.resolve("classes");
    Files.createDirectories(sourceFile.getParent());
    Files.createDirectories(classes);
    Files.writeString(sourceFile, source, StandardCharsets.UTF_8);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, List.of("-d", classes.toString(), sourceFile.toString())
        .toArray(String[]::new));
    assertThat(status).as("compiling the demo class").isZero();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      return ApiListing.listing(classes, loader);
    }
  }
}
