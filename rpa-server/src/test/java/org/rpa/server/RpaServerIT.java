package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a child process, as {@code ./run} does, and asks it for its health. */
class RpaServerIT {
  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path workingDirectory;
  private Process server;
  private Path log;

  @AfterEach
  void stop_the_server() throws InterruptedException {
    if (server == null) {
      return;
    }
    server.destroy();
    if (!server.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      fail("rpa-server did not stop within " + STOP_GRACE + " of SIGTERM\n" + log());
    }
  }

  @Test
  void the_shaded_jar_opens_its_database_and_answers_health() throws Exception {
    int port = freePort();
    server = launch(port);

    HttpResponse<String> response = awaitHealth(port);

    assertThat(response.statusCode()).as(log()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("healthy");
    assertThat(Instant.parse(body.path("timestamp").asText())).isNotNull();
    assertThat(body.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");
    assertThat(workingDirectory.resolve("data/rpa.mv.db"))
        .as("the orchestrator's H2 database at DATABASE_URL")
        .isRegularFile();
  }

  @Test
  void the_shaded_jar_streams_a_submitted_jobs_change_to_a_ticket_holder() throws Exception {
    int port = freePort();
    server = launch(port);
    assertThat(awaitHealth(port).statusCode()).as(log()).isEqualTo(200);
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=admin&password=it-admin-password"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String token = json.readTree(login.body()).path("access_token").asText();
    HttpResponse<String> ticket =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/ws/ticket"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(200);
    var messages = new LinkedBlockingQueue<String>();
    WebSocket socket =
        client
            .newWebSocketBuilder()
            .buildAsync(
                URI.create(
                    "ws://127.0.0.1:"
                        + port
                        + "/ws/live-jobs?ticket="
                        + json.readTree(ticket.body()).path("ticket").asText()),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    messages.add(data.toString());
                    webSocket.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);

    HttpResponse<String> submitted =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/jobs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"provider\":\"mfn\",\"action\":\"validation\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long id = json.readTree(submitted.body()).path("id").asLong();
    String first = messages.poll(15, TimeUnit.SECONDS);

    assertThat(first).as(log()).isNotNull();
    JsonNode change = json.readTree(first);
    assertThat(change.path("job_id").asLong()).isEqualTo(id);
    assertThat(change.path("status").asText()).isEqualTo("pending");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }

  @Test
  void the_shaded_jar_refuses_to_start_in_production_with_the_defaults_and_says_why()
      throws Exception {
    server = launch(freePort(), false);

    assertThat(server.waitFor(STARTUP_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isEqualTo(2);
    assertThat(log())
        .contains("JWT_SECRET (or JWT_SECRET_KEY) must be set outside DEVELOPMENT_MODE")
        .contains("ADMIN_PASSWORD must be set to something other than the default");
  }

  private Process launch(int port) throws IOException {
    return launch(port, true);
  }

  private Process launch(int port, boolean withSecrets) throws IOException {
    Path jar = Path.of(System.getProperty("rpa.server.jar", "target/rpa-server.jar"));
    assertThat(jar).as("the shaded jar (built in package)").isRegularFile();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    log = workingDirectory.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(java.toString(), "-jar", jar.toAbsolutePath().toString())
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("PORT", String.valueOf(port));
    builder.environment().put("HOST", "127.0.0.1");
    for (String inherited :
        new String[] {
          "DEVELOPMENT_MODE", "JWT_SECRET", "JWT_SECRET_KEY", "ADMIN_PASSWORD", "SECRETS_DIR"
        }) {
      builder.environment().remove(inherited);
    }
    if (withSecrets) {
      builder.environment().put("JWT_SECRET", "it-secret-0123456789abcdef0123456789abcdef");
      builder.environment().put("ADMIN_PASSWORD", "it-admin-password");
    }
    builder
        .environment()
        .put("DATABASE_URL", "jdbc:h2:file:" + workingDirectory.resolve("data/rpa"));
    return builder.start();
  }

  private HttpResponse<String> awaitHealth(int port) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        fail("rpa-server exited with " + server.exitValue() + " before answering\n" + log());
      }
      Optional<HttpResponse<String>> response = tryGet(request);
      if (response.isPresent()) {
        return response.get();
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return fail("rpa-server did not answer within " + STARTUP_DEADLINE + "\n" + log());
  }

  private Optional<HttpResponse<String>> tryGet(HttpRequest request) throws InterruptedException {
    try {
      return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException notListeningYet) {
      return Optional.empty();
    }
  }

  private String log() {
    try {
      return log == null ? "(no log)" : "--- server log ---\n" + Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
