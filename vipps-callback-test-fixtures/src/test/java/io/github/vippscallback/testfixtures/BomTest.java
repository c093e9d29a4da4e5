package io.github.vippscallback.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM users import manages exactly the modules this build publishes (every jar module not marked
 * {@code maven.deploy.skip}), each at the project version, and nothing of anyone else's.
 */
class BomTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void bomManagesEveryPublishedModuleAtTheProjectVersionAndNoThirdPartyVersion() throws Exception {
    Document root = pom(ROOT);
    Document bom = pom(ROOT.resolve("vipps-callback-bom"));

    List<String> published = new ArrayList<>();
    collectPublished(ROOT, false, published);
    assertThat(published).contains("vipps-callback-core", "vipps-callback-test").doesNotContain("vipps-callback-bom");

    assertThat(child(bom.getDocumentElement(), "parent")).as("a parent would leak its dependencyManagement").isNull();
    assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(root.getDocumentElement(), "version"));
    assertThat(child(bom.getDocumentElement(), "dependencies")).as("a BOM only manages").isNull();
    List<String> managed = new ArrayList<>();
    // The managed dependencies only: the BOM's release profiles have plugin dependencies of their own.
    Element management = Objects.requireNonNull(child(bom.getDocumentElement(), "dependencyManagement"), "management");
    NodeList dependencies = management.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      assertThat(text(dependency, "groupId")).isEqualTo("io.github.vippscallback");
      assertThat(text(dependency, "version")).isEqualTo("${project.version}");
      managed.add(Objects.requireNonNull(text(dependency, "artifactId"), "artifactId"));
    }
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
  }

  /** Adds the artifactIds of the jar modules under {@code dir} that are deployed. */
  private static void collectPublished(Path dir, boolean deploySkipped, List<String> published) throws Exception {
    Element project = pom(dir).getDocumentElement();
    Element properties = child(project, "properties");
    boolean skipped = deploySkipped
        || (properties != null && "true".equals(text(properties, "maven.deploy.skip")));
    String packaging = text(project, "packaging");
    if (!skipped && (packaging == null || packaging.equals("jar"))) {
      published.add(Objects.requireNonNull(text(project, "artifactId"), "artifactId"));
    }
    Element modules = child(project, "modules");
    if (modules != null) {
      NodeList names = modules.getElementsByTagName("module");
      for (int i = 0; i < names.getLength(); i++) {
        collectPublished(dir.resolve(names.item(i).getTextContent().trim()), skipped, published);
      }
    }
  }

  private static Document pom(Path dir) throws Exception {
    Path file = dir.resolve("pom.xml");
    assertThat(file).exists();
    try (var in = Files.newInputStream(file)) {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }

  private static @Nullable Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static @Nullable String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }
}
