package org.rpa.core.testing.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private, throwaway PostgreSQL cluster for tests: a fresh data directory under the temp dir, a
 * server on 127.0.0.1 and a free port, trust authentication for user {@code postgres}. {@link
 * #close()} stops it and deletes the directory; a JVM shutdown hook does the same if nobody did.
 *
 * <p>The server binaries come from {@code $RPA_PG_BINDIR}, else the newest {@code
 * /usr/lib/postgresql/<version>/bin}, else {@code pg_config --bindir}. When the JVM runs as root
 * every PostgreSQL command runs through {@code runuser -u postgres --}, because {@code initdb} and
 * {@code postgres} refuse to run as root.
 *
 * <p>Thread-safe: {@link #createDatabase(String)} may be called from several threads; {@link
 * #close()} is idempotent.
 */
public final class PostgresCluster implements AutoCloseable {
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final int START_ATTEMPTS = 3;

  private final PgBinaries binaries;
  private final Path directory;
  private final int port;
  private final Thread shutdownHook;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private PostgresCluster(PgBinaries binaries, Path directory, int port) {
    this.binaries = binaries;
    this.directory = directory;
    this.port = port;
    this.shutdownHook = new Thread(this::stopQuietly, "rpa-pg-shutdown");
  }

  /**
   * Creates and starts a new cluster.
   *
   * @throws IllegalStateException if no PostgreSQL server binaries are found, or the cluster does
   *     not start (the message carries the server log)
   */
  public static PostgresCluster start() {
    PgBinaries binaries = PgBinaries.find();
    Path directory = createDirectory(binaries);
    try {
      binaries.run(
          directory,
          directory.resolve("initdb.log"),
          "initdb",
          "-D",
          dataDir(directory).toString(),
          "-U",
          "postgres",
          "-A",
          "trust",
          "--no-sync",
          "-E",
          "UTF8");
      PostgresCluster cluster = startServer(binaries, directory);
      Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
      return cluster;
    } catch (RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
  }

  private static PostgresCluster startServer(PgBinaries binaries, Path directory) {
    List<RuntimeException> failures = new ArrayList<>();
    // A free port can be taken by someone else between our probe and the server's bind: retry.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      try {
        pgCtl(binaries, directory, port, "start");
        return new PostgresCluster(binaries, directory, port);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    IllegalStateException failure =
        new IllegalStateException(
            "PostgreSQL did not start in "
                + directory
                + "; server log:\n"
                + readQuietly(directory.resolve("server.log")));
    failures.forEach(failure::addSuppressed);
    throw failure;
  }

  /** {@code pg_ctl start} or {@code restart} on {@code port}, waiting up to 60 s for it. */
  private static void pgCtl(PgBinaries binaries, Path directory, int port, String... command) {
    List<String> arguments = new ArrayList<>();
    arguments.addAll(
        List.of(
            "-D",
            dataDir(directory).toString(),
            "-l",
            directory.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-c listen_addresses=127.0.0.1 -p " + port + " -k " + directory + " -c fsync=on"));
    arguments.addAll(List.of(command));
    binaries.run(
        directory,
        directory.resolve("pg_ctl-" + command[0] + ".log"),
        "pg_ctl",
        arguments.toArray(String[]::new));
  }

  /**
   * Restarts the server as a crash would ({@code pg_ctl restart -m immediate}): every connection is
   * cut, nothing is checkpointed, and the server replays its log on the way up. Returns once it
   * accepts connections again, on the same port.
   */
  public void restartImmediately() {
    pgCtl(binaries, directory, port, "restart", "-m", "immediate");
  }

  /**
   * Stops the server at once ({@code pg_ctl stop -m immediate}); {@link #startAgain()} undoes it.
   */
  public void stopImmediately() {
    stop("immediate");
  }

  /** {@code pg_ctl stop -m <mode>}, waiting for the server to be gone. */
  private void stop(String mode) {
    binaries.run(
        directory,
        directory.resolve("pg_ctl-stop.log"),
        "pg_ctl",
        "-D",
        dataDir(directory).toString(),
        "-m",
        mode,
        "-w",
        "stop");
  }

  /** Starts the server stopped by {@link #stopImmediately()} again, on the same port. */
  public void startAgain() {
    pgCtl(binaries, directory, port, "start");
  }

  /** The TCP port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The cluster's directory (data directory, socket, logs); deleted by {@link #close()}. */
  public Path directory() {
    return directory;
  }

  /** A JDBC URL for database {@code name} of this cluster, as user {@code postgres}. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
  }

  /**
   * Creates an empty database and returns its JDBC URL.
   *
   * @param name lower case letters, digits and underscores, at most 63 characters
   * @throws IllegalArgumentException if the name is not a plain identifier
   * @throws IllegalStateException if the server refuses, for example because the name is taken
   */
  public String createDatabase(String name) {
    Objects.requireNonNull(name, "name");
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be a lower-case identifier of at most 63 characters, but was " + name);
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + ": " + e, e);
    }
    return jdbcUrl(name);
  }

  /** Stops the server ({@code pg_ctl -m fast stop}) and deletes the directory. Idempotent. */
  @Override
  public void close() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // Called from the hook itself, or while the JVM exits: nothing to unregister.
    }
    try {
      stop("fast");
    } finally {
      deleteRecursively(directory);
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      System.err.println("Could not stop PostgreSQL in " + directory + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "PostgresCluster[127.0.0.1:" + port + ", " + directory + "]";
  }

  private static Path dataDir(Path directory) {
    return directory.resolve("data");
  }

  private static Path createDirectory(PgBinaries binaries) {
    try {
      Path directory = Files.createTempDirectory("rpa-pg-");
      if (binaries.runsAsPostgresUser()) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        UserPrincipalLookupService lookup =
            directory.getFileSystem().getUserPrincipalLookupService();
        view.setOwner(lookup.lookupPrincipalByName("postgres"));
        view.setGroup(lookup.lookupPrincipalByGroupName("postgres"));
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare a directory for PostgreSQL", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    }
  }

  static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no " + file.getFileName() + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("Could not delete " + directory + ": " + e.getMessage());
    }
  }
}
