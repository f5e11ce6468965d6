package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The shaded jar as a child process, as a user starts it: a working directory of its own, an
 * environment of {@code PATH}, {@code HOME} and what the test gives, its output in {@code
 * server.log} there; and a JDK HttpClient with a token for it. {@link #close()} stops it by its PID
 * with SIGTERM, as Ctrl-C or a service manager would.
 */
final class ServerProcess implements AutoCloseable {
  static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  final Path directory;
  final int port;
  final Path log;
  final Process process;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final ObjectMapper json = new ObjectMapper();
  private String token;

  private ServerProcess(Path directory, int port, Path log, Process process) {
    this.directory = directory;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code java [jvmOptions] -jar rpa-server.jar} in {@code directory} on {@code port}, with
   * {@code environment} (and {@code PORT}); nothing else of the test's environment but {@code PATH}
   * and {@code HOME}.
   */
  static ServerProcess start(
      Path directory, int port, Map<String, String> environment, List<String> jvmOptions)
      throws IOException {
    Path jar = Path.of(System.getProperty("rpa.server.jar", "target/rpa-server.jar"));
    assertThat(jar).as("the shaded jar (built in package)").isRegularFile();
    Path log = directory.resolve("server.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
    builder.environment().putAll(environment);
    builder.environment().put("PORT", String.valueOf(port));
    return new ServerProcess(directory, port, log, builder.start());
  }

  /**
   * Starts the repository's own {@code ./run} in {@code checkout} on {@code port}, with nothing of
   * the test's environment but {@code PATH} and {@code HOME}: what a user types. {@code ./run} ends
   * in {@code exec java}, so the process is the server's.
   */
  static ServerProcess run(Path checkout, int port) throws IOException {
    Path log = checkout.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder("./run")
            .directory(checkout.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
    builder.environment().put("PORT", String.valueOf(port));
    return new ServerProcess(checkout, port, log, builder.start());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits until {@code GET /health} answers 200; fails at once if the process exits. */
  void awaitHealthy() {
    long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("rpa-server exited before answering\n%s", log()).isTrue();
      try {
        if (send(request("/health").GET()).statusCode() == 200) {
          return;
        }
      } catch (UncheckedIOException notListeningYet) {
        // not listening yet
      }
      pause();
    }
    throw new AssertionError("rpa-server did not answer within " + STARTUP_DEADLINE + "\n" + log());
  }

  /** Logs in with {@code POST /token}; later requests carry the token. */
  void login(String username, String password) {
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(
            request("/token")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    token = body(response).path("access_token").asText();
  }

  /** {@code POST /jobs}; returns the new job's id. */
  long submit(String provider, String action, String circuit) {
    HttpResponse<String> response =
        send(
            authorized("/jobs")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"provider\":\""
                            + provider
                            + "\",\"action\":\""
                            + action
                            + "\",\"parameters\":{\"circuit_number\":\""
                            + circuit
                            + "\"}}"))
                .header("Content-Type", "application/json"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return body(response).path("id").asLong();
  }

  JsonNode getJson(String path) {
    HttpResponse<String> response = send(authorized(path).GET());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return body(response);
  }

  HttpResponse<byte[]> getBytes(String path) {
    try {
      return client.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code what} again every 250 ms until {@code done} holds for it, within the deadline. */
  <T> T await(String description, Duration within, Supplier<T> what, Predicate<T> done) {
    long deadline = System.nanoTime() + within.toNanos();
    T value = what.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after "
                + within
                + " waiting for "
                + description
                + "; last: "
                + value
                + "\n"
                + log());
      }
      assertThat(process.isAlive()).as("rpa-server died\n%s", log()).isTrue();
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      value = what.get();
    }
    return value;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
        .timeout(Duration.ofSeconds(30));
  }

  private HttpRequest.Builder authorized(String path) {
    return request(path).header("Authorization", "Bearer " + token);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode body(HttpResponse<String> response) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String log() {
    List<String> lines = logLines();
    return "--- server.log (last 80 lines) ---\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }

  /** SIGTERM by PID, then waits for the exit; fails if it takes longer than the grace. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("rpa-server did not stop within " + STOP_GRACE + "\n" + log());
    }
  }

  private static void pause() {
    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
  }
}
