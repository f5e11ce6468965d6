package org.rpa.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.rpa.server.Cluster;

/**
 * A Selenium Grid as two processes on loopback, a hub and one node, so that the node alone can be
 * killed. The node drives Debian's {@code /usr/bin/chromedriver} and {@code /usr/bin/chromium}
 * (driver detection and Selenium Manager off, one explicit driver configuration). The grid runs on
 * its own class path ({@code rpa.grid.classpath}, written by the rpa-test-grid module):
 * selenium-grid 4.47.0, the newest that resolves here, beside the product's Selenium 4.52.0 client.
 *
 * <p>Not thread-safe: the test's thread starts, kills and restarts the processes.
 */
final class Grid implements AutoCloseable {
  private final Path directory;
  private final int sessions;
  final int hubPort = Cluster.freePort();
  final int nodePort = Cluster.freePort();
  private final int publishPort = Cluster.freePort();
  private final int subscribePort = Cluster.freePort();
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private Process hub;
  private Process node;

  private Grid(Path directory, int sessions) {
    this.directory = directory;
    this.sessions = sessions;
  }

  /** Starts the hub and a node of {@code sessions} Chromium slots, and waits until it is ready. */
  static Grid start(Path directory, int sessions, Duration within)
      throws IOException, InterruptedException {
    Grid grid = new Grid(directory, sessions);
    try {
      Files.writeString(directory.resolve("node.toml"), grid.nodeToml());
      grid.hub =
          grid.launch(
              "grid-hub",
              List.of(
                  "hub",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(grid.hubPort),
                  "--publish-events",
                  "tcp://127.0.0.1:" + grid.publishPort,
                  "--subscribe-events",
                  "tcp://127.0.0.1:" + grid.subscribePort));
      grid.startNode();
      grid.awaitNode(null, within);
      return grid;
    } catch (RuntimeException | Error | IOException e) {
      grid.close();
      throw e;
    }
  }

  String url() {
    return "http://127.0.0.1:" + hubPort;
  }

  Process node() {
    return node;
  }

  /** Starts the node (again), with the same configuration and port. */
  void startNode() throws IOException {
    node =
        launch(
            "grid-node",
            List.of(
                "node",
                "--config",
                directory.resolve("node.toml").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(nodePort),
                "--publish-events",
                "tcp://127.0.0.1:" + publishPort,
                "--subscribe-events",
                "tcp://127.0.0.1:" + subscribePort));
  }

  /**
   * {@code kill -9} of the node and every process it started (chromedriver, Chromium), in one
   * signal each, as a crash of the node's machine would take them; returns how many died.
   */
  int killNodeTree() throws Exception {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(node.toHandle());
    node.toHandle().descendants().forEach(tree::add);
    List<Path> profiles = profiles(tree);
    var command = new ArrayList<String>(List.of("kill", "-9"));
    tree.forEach(process -> command.add(Long.toString(process.pid())));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    kill.waitFor(10, TimeUnit.SECONDS);
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    assertThat(tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
        .as("the node's processes still alive after kill -9")
        .isEmpty();
    // A killed chromedriver cannot delete the profiles it made for its browsers: this machine's
    // /tmp would keep 2 MB a session from every run.
    profiles.forEach(Grid::delete);
    return tree.size();
  }

  /** The {@code scoped_dir} profiles chromedriver made, named on its browsers' command lines. */
  private static List<Path> profiles(List<ProcessHandle> tree) {
    var profiles = new java.util.TreeSet<Path>();
    var pattern =
        java.util.regex.Pattern.compile("/tmp/org\\.chromium\\.Chromium\\.scoped_dir\\.\\w+");
    for (ProcessHandle process : tree) {
      try {
        String line = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
        pattern.matcher(line).results().forEach(match -> profiles.add(Path.of(match.group())));
      } catch (IOException gone) {
        // ended already
      }
    }
    return List.copyOf(profiles);
  }

  private static void delete(Path folder) {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // best effort: a temp directory
    }
  }

  /** The hub's {@code /status} value, or null while it does not answer. */
  JsonNode status() {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url() + "/status"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? json.readTree(response.body()).path("value") : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Slots of the hub's nodes that hold a session now. */
  int busySlots() {
    JsonNode status = status();
    int busy = 0;
    if (status != null) {
      for (JsonNode node : status.path("nodes")) {
        for (JsonNode slot : node.path("slots")) {
          busy += slot.path("session").isNull() || slot.path("session").isMissingNode() ? 0 : 1;
        }
      }
    }
    return busy;
  }

  /** The id of the one node the hub lists UP, or null. */
  String nodeUp() {
    JsonNode status = status();
    if (status == null) {
      return null;
    }
    for (JsonNode node : status.path("nodes")) {
      if (node.path("availability").asText().equals("UP")) {
        return node.path("id").asText();
      }
    }
    return null;
  }

  /** Waits until the hub lists a node UP whose id is not {@code previous}; returns that id. */
  String awaitNode(String previous, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(hub.isAlive()).as("the grid's hub died\n%s", logs()).isTrue();
      String id = nodeUp();
      if (id != null && !id.equals(previous)) {
        return id;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    throw new AssertionError("no new grid node UP within " + within + "\n" + logs());
  }

  private String nodeToml() {
    return """
        [node]
        detect-drivers = false
        selenium-manager = false
        max-sessions = %d
        override-max-sessions = true

        [[node.driver-configuration]]
        display-name = "chromium"
        webdriver-executable = "/usr/bin/chromedriver"
        max-sessions = %d
        stereotype = '{"browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium"}}'
        """
        .formatted(sessions, sessions);
  }

  private Process launch(String name, List<String> args) throws IOException {
    Path classpath = Path.of(System.getProperty("rpa.grid.classpath", "unset"));
    assertThat(classpath).as("the grid's class path (rpa-test-grid, built first)").isRegularFile();
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(Files.readString(classpath).strip());
    command.add("org.openqa.selenium.grid.Main");
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
    builder.environment().put("SE_OFFLINE", "true");
    builder.environment().put("SE_AVOID_STATS", "true");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private Path log(String name) {
    return directory.resolve(name + ".log");
  }

  String logs() {
    var text = new StringBuilder();
    for (String name : List.of("grid-hub", "grid-node")) {
      try {
        List<String> lines =
            Files.readAllLines(log(name)).stream()
                .filter(line -> !line.contains("SeleniumSpanExporter"))
                .toList();
        text.append("--- ")
            .append(name)
            .append(".log (last 30 lines) ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
            .append('\n');
      } catch (IOException e) {
        text.append("(").append(name).append(".log unreadable)\n");
      }
    }
    return text.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.toHandle().descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    }
  }
}
