package org.rpa.core.testing.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgBinariesTest {
  @TempDir Path root;

  @Test
  void fails_with_a_message_that_says_to_run_the_test_script_when_nothing_is_installed() {
    assertThatThrownBy(
            () -> PgBinaries.locate(Optional.empty(), root.resolve("absent"), Optional::empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PostgreSQL server binaries (initdb, pg_ctl) were not found")
        .hasMessageContaining("Run the tests with ./test");
  }

  @Test
  void picks_the_newest_version_under_the_debian_root() throws IOException {
    fakeBindir(root.resolve("9.6/bin"));
    Path newest = fakeBindir(root.resolve("15/bin"));
    fakeBindir(root.resolve("13/bin"));

    assertThat(PgBinaries.locate(Optional.empty(), root, Optional::empty)).isEqualTo(newest);
  }

  @Test
  void ignores_a_version_directory_without_the_server_binaries() throws IOException {
    Path complete = fakeBindir(root.resolve("14/bin"));
    Files.createDirectories(root.resolve("16/bin"));

    assertThat(PgBinaries.locate(Optional.empty(), root, Optional::empty)).isEqualTo(complete);
  }

  @Test
  void prefers_the_bindir_from_the_environment() throws IOException {
    fakeBindir(root.resolve("15/bin"));
    Path chosen = fakeBindir(root.resolve("custom"));

    assertThat(PgBinaries.locate(Optional.of(chosen.toString()), root, Optional::empty))
        .isEqualTo(chosen);
  }

  @Test
  void falls_back_to_pg_config() throws IOException {
    Path fromPgConfig = fakeBindir(root.resolve("elsewhere/bin"));

    assertThat(
            PgBinaries.locate(
                Optional.empty(), root.resolve("absent"), () -> Optional.of(fromPgConfig)))
        .isEqualTo(fromPgConfig);
  }

  private static Path fakeBindir(Path bindir) throws IOException {
    Files.createDirectories(bindir);
    for (String program : new String[] {"initdb", "pg_ctl"}) {
      Path file = Files.createFile(bindir.resolve(program));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bindir;
  }
}
