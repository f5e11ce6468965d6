package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobRequest;

/**
 * Real processes from the shaded jar on loopback: one orchestrator on a shared PostgreSQL database
 * and worker services, each with its log file; the test talks to them over HTTP and reads the
 * database with JDBC. Stops every process it started, by its PID.
 *
 * <p>Every wait of one cluster shares one deadline, {@link #DEADLINE} from its creation, shorter
 * than JUnit's timeout of a test (120 s): a cluster that stalls fails the test with the jobs by
 * status and each process's log, not with a bare timeout. The processes run with the C1 compiler
 * only: three JVMs warming up with C2 beside PostgreSQL on two cores spent more time compiling than
 * running jobs, and these tests are about what happens, not how fast.
 */
public final class Cluster implements AutoCloseable {
  public static final String TOKEN = "it-worker-token-0123456789";
  public static final String JWT_SECRET = "it-secret-0123456789abcdef0123456789abcdef";
  public static final String ADMIN_PASSWORD = "it-admin-password";
  public static final Duration DEADLINE = Duration.ofSeconds(100);

  private final Path directory;
  private final String databaseUrl;
  private final Duration limit;
  private final long deadline;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final Map<Process, ProcessBuilder> launches =
      new java.util.concurrent.ConcurrentHashMap<>();
  private List<String> prefix = List.of();
  public final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  public final ObjectMapper json = new ObjectMapper();

  public Cluster(Path directory, String databaseUrl) {
    this(directory, databaseUrl, DEADLINE);
  }

  /** A cluster whose waits all end {@code limit} after its creation. */
  public Cluster(Path directory, String databaseUrl, Duration limit) {
    this.directory = directory;
    this.databaseUrl = databaseUrl;
    this.limit = limit;
    this.deadline = System.nanoTime() + limit.toNanos();
  }

  /**
   * Starts the processes launched from now on through {@code command} ({@code nsenter -t <pid> -m
   * --}, say), which must exec the JVM so that its process id stays the JVM's.
   */
  public Cluster within(List<String> command) {
    this.prefix = List.copyOf(command);
    return this;
  }

  /**
   * A worker service on {@code port}, reporting to the orchestrator on {@code orchestratorPort}.
   */
  public Process worker(String name, int port, int orchestratorPort, Map<String, String> extra)
      throws IOException {
    return worker(name, port, "http://127.0.0.1:" + orchestratorPort, extra);
  }

  /** A worker service on {@code port}, reporting to the orchestrator at {@code orchestratorUrl}. */
  public Process worker(String name, int port, String orchestratorUrl, Map<String, String> extra)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_HOST", "127.0.0.1");
    env.put("WORKER_PORT", String.valueOf(port));
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("ORCHESTRATOR_URL", orchestratorUrl);
    env.put("WORKER_DEMO_HANDLERS", "true");
    env.put("SELENIUM_CHECK", "false");
    env.put("MAX_WORKERS", "4");
    env.putAll(extra);
    return launch(name, List.of("worker"), env);
  }

  /** The orchestrator on {@code port}, sending jobs to the workers on {@code workerPorts}. */
  public Process orchestrator(int port, List<Integer> workerPorts, Map<String, String> extra)
      throws IOException {
    return orchestrator(
        "orchestrator",
        port,
        workerPorts.stream().map(p -> "http://127.0.0.1:" + p).toList(),
        extra);
  }

  /**
   * An orchestrator named {@code name} (its log file) on {@code port}, sending jobs to the worker
   * services at {@code workerUrls}.
   */
  public Process orchestrator(
      String name, int port, List<String> workerUrls, Map<String, String> extra)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("HOST", "127.0.0.1");
    env.put("PORT", String.valueOf(port));
    env.put("DATABASE_URL", databaseUrl);
    env.put("JWT_SECRET", JWT_SECRET);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("RATE_LIMIT_PER_MINUTE", "0");
    env.put("WORKER_URLS", String.join(",", workerUrls));
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("WORKER_DEMO_HANDLERS", "true");
    env.put("WORKER_TIMEOUT", "2");
    env.put("LEASE_LENGTH_SECONDS", "6");
    env.put("HEARTBEAT_INTERVAL_SECONDS", "1");
    env.putAll(extra);
    return launch(name, List.of(), env);
  }

  private Process launch(String name, List<String> args, Map<String, String> env)
      throws IOException {
    Path jar = Path.of(System.getProperty("rpa.server.jar", "target/rpa-server.jar"));
    assertThat(jar).as("the shaded jar (built in package)").isRegularFile();
    Path log = directory.resolve(name + ".log");
    var command = new ArrayList<String>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx192m");
    command.add("-XX:TieredStopAtLevel=1");
    // Extra JVM options for every process, such as a flight recording: -Drpa.cluster.jvm="..."
    String extraJvm = System.getProperty("rpa.cluster.jvm", "").strip();
    if (!extraJvm.isEmpty()) {
      command.addAll(List.of(extraJvm.split("\\s+")));
    }
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    launches.put(process, builder);
    if (!logs.contains(log)) {
      logs.add(log);
    }
    return process;
  }

  /**
   * Starts {@code dead} (a process of this cluster that ended, say by {@link #kill9}) again, with
   * the same command, environment and log file (appended to).
   */
  public Process restart(Process dead) throws IOException {
    ProcessBuilder builder = launches.get(dead);
    if (builder == null || dead.isAlive()) {
      throw new IllegalStateException("not an ended process of this cluster: " + dead.pid());
    }
    Process process = builder.start();
    processes.add(process);
    launches.put(process, builder);
    return process;
  }

  /**
   * An admin JWT from the orchestrator at {@code base} ({@code POST /token}); every orchestrator of
   * the cluster accepts it, since they share one secret.
   */
  public String adminToken(String base) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=admin&password="
                            + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST /token: %s", response.body()).isEqualTo(200);
    return json.readTree(response.body()).path("access_token").asText();
  }

  /** Waits until {@code GET url} answers 200 (with the token). */
  public JsonNode awaitUp(Process process, String url) {
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("process for %s died\n%s", url, logs()).isTrue();
      try {
        HttpResponse<String> response = get(url);
        if (response.statusCode() == 200) {
          return json.readTree(response.body());
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      pause();
    }
    throw new AssertionError(url + " did not come up within the cluster's deadline\n" + logs());
  }

  public HttpResponse<String> get(String url) throws IOException {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(5))
              .header("Authorization", "Bearer " + TOKEN)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Two jobs a worker took: one its own result COMPLETED, one still RUNNING (it sleeps). */
  public record DoneAndRunning(long done, long running) {}

  /**
   * Submits a {@code demo.echo} and a long {@code demo.sleep} straight into the database and waits
   * until the cluster's worker has completed the first and is running the second.
   */
  public DoneAndRunning oneDoneOneRunning() {
    long done;
    long running;
    try (var client =
        Orchestrator.builder()
            .database(databaseUrl)
            .jobType("demo", "echo")
            .jobType("demo", "sleep")
            .poolSize(2)
            .build()) {
      done = client.jobs().submit(JobRequest.of("demo", "echo").param("x", 1)).value();
      running = client.jobs().submit(JobRequest.of("demo", "sleep").param("ms", 600_000)).value();
    }
    await(
        "the worker's own result COMPLETED one job; the other RUNNING",
        () ->
            count("SELECT COUNT(*) FROM jobs WHERE id = " + done + " AND status = 'COMPLETED'") == 1
                && count(
                        "SELECT COUNT(*) FROM jobs WHERE id = "
                            + running
                            + " AND status = 'RUNNING'")
                    == 1);
    return new DoneAndRunning(done, running);
  }

  /** Waits for a condition that other processes make true, reading it again every 100 ms. */
  public void await(String what, BooleanSupplier condition) {
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      pause();
    }
    throw new AssertionError(
        "timed out waiting for "
            + what
            + " within the cluster's deadline ("
            + limit.toSeconds()
            + " s)"
            + "; jobs by status: "
            + jobsByStatus()
            + "\n"
            + logs());
  }

  private String jobsByStatus() {
    try {
      return rows("SELECT status, COUNT(*) FROM jobs GROUP BY status").toString();
    } catch (IllegalStateException unreadable) {
      return "(not readable from the test: " + unreadable.getCause() + ")";
    }
  }

  public long count(String sql) {
    try (Connection connection = DriverManager.getConnection(databaseUrl);
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public List<List<String>> rows(String sql) {
    try (Connection connection = DriverManager.getConnection(databaseUrl);
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      return strings(rows);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Every row of {@code rows}, each column read as a string (null as null). */
  public static List<List<String>> strings(ResultSet rows) throws SQLException {
    var result = new ArrayList<List<String>>();
    int columns = rows.getMetaData().getColumnCount();
    while (rows.next()) {
      var row = new ArrayList<String>();
      for (int i = 1; i <= columns; i++) {
        row.add(rows.getString(i));
      }
      result.add(row);
    }
    return result;
  }

  /** {@code kill -9} by PID: no shutdown hook runs. */
  public static void kill9(Process process) throws Exception {
    var kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** Writes a thread dump of each live process of this cluster ({@code jcmd Thread.print}). */
  public void threadDumps(Path file) {
    var text = new StringBuilder();
    for (Process process : processes) {
      if (!process.isAlive()) {
        continue;
      }
      text.append("--- pid ").append(process.pid()).append(" ---\n");
      try {
        Process jcmd =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()),
                    "Thread.print")
                .redirectErrorStream(true)
                .start();
        text.append(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        jcmd.waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        text.append(e).append('\n');
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String logs() {
    var text = new StringBuilder();
    for (Path log : logs) {
      try {
        List<String> lines = Files.readAllLines(log);
        text.append("--- ")
            .append(log.getFileName())
            .append(" (last 60 lines) ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())))
            .append('\n');
      } catch (IOException e) {
        text.append("(").append(log).append(" unreadable)\n");
      }
    }
    return text.toString();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    }
  }
}
