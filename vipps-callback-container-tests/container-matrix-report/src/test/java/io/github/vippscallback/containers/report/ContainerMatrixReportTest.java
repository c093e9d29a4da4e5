package io.github.vippscallback.containers.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vippscallback.containers.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints the container matrix of this build: the rows every container module wrote, under one heading,
 * and writes them to {@code target/container-matrix.md}. Fails when a container module wrote no rows (it
 * did not run) or a row has an answer the table did not expect.
 */
class ContainerMatrixReportTest {

  @Test
  void everyContainerAnsweredTheWholeMatrixAsExpected() throws IOException {
    List<String> rows = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String file : List.of(System.getProperty("container.matrix.files", "").split(",", -1))) {
      Path path = Path.of(file.strip());
      if (Files.isRegularFile(path)) {
        rows.addAll(Files.readAllLines(path, StandardCharsets.UTF_8));
      } else {
        missing.add(path.toString());
      }
    }
    String table = Check.header() + System.lineSeparator()
        + String.join(System.lineSeparator(), rows);
    System.out.println();
    System.out.println("Container matrix of this build:");
    System.out.println(table);
    System.out.println();
    Path report = Path.of(System.getProperty("container.matrix.report", "target/container-matrix.md"));
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, table + System.lineSeparator(), StandardCharsets.UTF_8);

    assertThat(missing).as("container modules that wrote no matrix rows").isEmpty();
    assertThat(rows).as("matrix rows").hasSizeGreaterThanOrEqualTo(11)
        .allSatisfy(row -> assertThat(row).doesNotContain("(expected"));
  }
}
