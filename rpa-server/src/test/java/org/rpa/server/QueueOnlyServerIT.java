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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MAX_WORKERS=0}, the documented queue-only mode (and {@code ./bench-http}'s): the shaded
 * jar starts as a child process, is healthy, accepts a job, and the job stays QUEUED because no
 * in-process worker runs it.
 */
class QueueOnlyServerIT {
  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
  private static final String PASSWORD = "it-admin-password";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path workingDirectory;
  private Process server;
  private Path log;

  @AfterEach
  void stop_the_server() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(15, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void with_max_workers_0_the_jar_starts_and_an_accepted_job_stays_queued() throws Exception {
    int port = freePort();
    server = launch(port);
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> health = awaitHealth(base + "/health");
    assertThat(health.statusCode()).as(log()).isEqualTo(200);
    assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("healthy");

    String token =
        json.readTree(
                send(HttpRequest.newBuilder(URI.create(base + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "username=admin&password=" + PASSWORD)))
                    .body())
            .path("access_token")
            .asText();
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(URI.create(base + "/jobs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"provider\":\"mfn\",\"action\":\"validation\","
                            + "\"parameters\":{\"circuit_number\":\"ABC123\"}}")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = json.readTree(created.body()).path("id").asLong();

    // A dispatcher would claim it at its first poll (POLL_INTERVAL=1): watch several polls.
    for (int poll = 0; poll < 6; poll++) {
      JsonNode job =
          json.readTree(
              send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + id))
                      .header("Authorization", "Bearer " + token)
                      .GET())
                  .body());
      assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("QUEUED");
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    assertThat(
            json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/health"))).body())
                .path("status")
                .asText())
        .isEqualTo("healthy");
    assertThat(log()).contains("MAX_WORKERS is 0");
  }

  private Process launch(int port) throws IOException {
    Path jar = Path.of(System.getProperty("rpa.server.jar", "target/rpa-server.jar"));
    assertThat(jar).as("the shaded jar (built in package)").isRegularFile();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    log = workingDirectory.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().keySet().removeIf(key -> !key.equals("PATH") && !key.equals("HOME"));
    builder.environment().put("PORT", String.valueOf(port));
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("MAX_WORKERS", "0");
    builder.environment().put("POLL_INTERVAL", "1");
    builder.environment().put("RATE_LIMIT_PER_MINUTE", "0");
    builder.environment().put("JWT_SECRET", "it-secret-0123456789abcdef0123456789abcdef");
    builder.environment().put("ADMIN_PASSWORD", PASSWORD);
    builder.environment().put("EVIDENCE_DIR", workingDirectory.resolve("evidence").toString());
    builder
        .environment()
        .put("DATABASE_URL", "jdbc:h2:file:" + workingDirectory.resolve("data/rpa"));
    return builder.start();
  }

  private HttpResponse<String> awaitHealth(String url) throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        fail("rpa-server exited with " + server.exitValue() + " before answering\n" + log());
      }
      try {
        return send(HttpRequest.newBuilder(URI.create(url)));
      } catch (IOException notListeningYet) {
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
    }
    return fail("rpa-server did not answer within " + STARTUP_DEADLINE + "\n" + log());
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(
        request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String log() {
    try {
      return "--- server log ---\n" + Files.readString(log);
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
