package org.rpa.core.testing.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Where the PostgreSQL server binaries are, and how to run them (as postgres when we are root). */
final class PgBinaries {
  static final String BINDIR_ENV = "RPA_PG_BINDIR";
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final long TIMEOUT_SECONDS = 90;

  private final Path bindir;
  private final boolean runsAsPostgresUser;

  private PgBinaries(Path bindir, boolean runsAsPostgresUser) {
    this.bindir = bindir;
    this.runsAsPostgresUser = runsAsPostgresUser;
  }

  static PgBinaries find() {
    Path bindir =
        locate(
            Optional.ofNullable(System.getenv(BINDIR_ENV)), DEBIAN_ROOT, PgBinaries::fromPgConfig);
    return new PgBinaries(bindir, "root".equals(System.getProperty("user.name")));
  }

  /**
   * The first bindir with {@code initdb} and {@code pg_ctl}: {@code environmentBindir}, else the
   * newest {@code <debianRoot>/<version>/bin}, else what {@code pgConfig} says.
   *
   * @throws IllegalStateException naming the places searched and telling to run {@code ./test}
   */
  static Path locate(
      Optional<String> environmentBindir, Path debianRoot, Supplier<Optional<Path>> pgConfig) {
    return environmentBindir
        .filter(value -> !value.isBlank())
        .map(Path::of)
        .filter(PgBinaries::hasServer)
        .or(() -> newestBindirUnder(debianRoot))
        .or(pgConfig)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "PostgreSQL server binaries (initdb, pg_ctl) were not found: not in $"
                        + BINDIR_ENV
                        + ", not under "
                        + debianRoot
                        + "/*/bin, not at `pg_config --bindir`. Run the tests with ./test from"
                        + " the repository root: it installs PostgreSQL (apt-get install"
                        + " postgresql) when it is missing."));
  }

  boolean runsAsPostgresUser() {
    return runsAsPostgresUser;
  }

  /**
   * Runs {@code program} from the bindir in {@code workingDirectory}, its output going to {@code
   * log}, and fails with that output unless it exits 0 within the timeout.
   */
  void run(Path workingDirectory, Path log, String program, String... arguments) {
    List<String> command = new ArrayList<>();
    if (runsAsPostgresUser) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bindir.resolve(program).toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Timed out after " + TIMEOUT_SECONDS + " s: " + command + "\n" + read(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Exit " + process.exitValue() + ": " + command + "\n" + read(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  private static String read(Path log) {
    return PostgresCluster.readQuietly(log);
  }

  private static Optional<Path> newestBindirUnder(Path root) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(dir -> dir.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .map(dir -> dir.resolve("bin"))
          .filter(PgBinaries::hasServer)
          .max(Comparator.comparingDouble(PgBinaries::version));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static double version(Path bindir) {
    return Double.parseDouble(bindir.getParent().getFileName().toString());
  }

  private static Optional<Path> fromPgConfig() {
    try {
      Process process =
          new ProcessBuilder("pg_config", "--bindir")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(Path.of(output.trim())).filter(PgBinaries::hasServer);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean hasServer(Path bindir) {
    return Files.isExecutable(bindir.resolve("initdb"))
        && Files.isExecutable(bindir.resolve("pg_ctl"));
  }

  @Override
  public String toString() {
    return bindir + (runsAsPostgresUser ? " (as postgres)" : "");
  }
}
