package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Where SQL may be written: only in rpa-core's store package. */
class StoreBoundaryTest {
  private static final Pattern SQL =
      Pattern.compile("\"\\s*(SELECT|INSERT INTO|DELETE FROM|UPDATE )");
  private static final Path STORE = Path.of("org", "rpa", "core", "store");

  @Test
  void no_sql_text_is_written_outside_the_cores_store_package() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<Path> sources =
        List.of(
            root.resolve("rpa-core/src/main/java"),
            root.resolve("rpa-automation/src/main/java"),
            root.resolve("rpa-server/src/main/java"));
    List<String> found = new ArrayList<>();
    for (Path source : sources) {
      assertThat(source).isDirectory();
      try (Stream<Path> files = Files.walk(source)) {
        files
            .filter(file -> file.toString().endsWith(".java"))
            .filter(file -> !source.relativize(file).startsWith(STORE))
            .forEach(file -> found.addAll(sqlIn(root, file)));
      }
    }
    assertThat(found).isEmpty();
  }

  private static List<String> sqlIn(Path root, Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String> found = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (SQL.matcher(lines.get(i)).find()) {
          found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
