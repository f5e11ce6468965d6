package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the shaded jar while a browser job runs (development mode: the demo portal and a real
 * headless Chromium): {@code /health/ready} answers 503 at once while the server still serves, the
 * running job finishes, the process exits, and a server started again on the same H2 file finds the
 * job completed in one attempt and no execution left running.
 */
class GracefulShutdownIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path directory;

  private static Map<String, String> environment() {
    return Map.of(
        "HOST", "127.0.0.1",
        "DEVELOPMENT_MODE", "true",
        "DATABASE_URL", "jdbc:h2:file:./data/rpa",
        "SHUTDOWN_DELAY_SECONDS", "2");
  }

  @Test
  void sigterm_turns_readiness_503_lets_the_running_job_finish_and_leaves_no_dead_execution()
      throws Exception {
    int port = ServerProcess.freePort();
    long id;
    ServerProcess server = ServerProcess.start(directory, port, environment(), List.of());
    try {
      server.awaitHealthy();
      server.login("admin", "admin");
      assertThat(server.send(server.request("/health/ready").GET()).statusCode()).isEqualTo(200);
      id = server.submit("mfn", "validation", "MFN-100001");
      server.await(
          "the job running",
          DEADLINE,
          () -> server.getJson("/jobs/" + id).path("status").asText(),
          status -> !status.equals("QUEUED") && !status.equals("CLAIMED"));
      assertThat(server.getJson("/jobs/" + id).path("status").asText())
          .as("SIGTERM must come while the job runs")
          .isEqualTo("RUNNING");

      server.process.destroy(); // SIGTERM, by PID

      int ready = awaitReadinessStatus(server);
      assertThat(ready).as("readiness while stopping\n%s", server.log()).isEqualTo(503);
      // Still serving the API meanwhile: the job is still there to read.
      assertThat(server.getJson("/jobs/" + id).path("id").asLong()).isEqualTo(id);
      assertThat(server.process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .as("exited\n%s", server.log())
          .isTrue();
      assertThat(server.process.exitValue()).as("SIGTERM's exit status").isEqualTo(143);
    } finally {
      server.close();
    }
    List<String> log = server.logLines();
    int stopping = indexOf(log, "rpa-server stopping: readiness answers 503");
    int finished = indexOf(log, "mfn validation completed in");
    int closed = indexOf(log, "rpa orchestrator closed");
    assertThat(stopping).as(server.log()).isNotNegative();
    assertThat(finished)
        .as("the job finished after SIGTERM\n%s", server.log())
        .isGreaterThan(stopping);
    assertThat(closed).as(server.log()).isGreaterThan(finished);
    assertThat(log.get(finished)).contains("job_id=" + id).contains("attempt=1");
    assertThat(indexOf(log, "rpa-server stopped")).isGreaterThan(closed);

    try (ServerProcess again = ServerProcess.start(directory, port, environment(), List.of())) {
      again.awaitHealthy();
      again.login("admin", "admin");
      JsonNode job = again.getJson("/jobs/" + id);
      assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
      assertThat(job.path("attempts").asInt()).isEqualTo(1);
      JsonNode executions = again.getJson("/api/v1/metrics/jobs?limit=500").path("jobs");
      assertThat(executions).as(executions.toString()).isNotEmpty();
      assertThat(executions)
          .allSatisfy(
              run -> {
                assertThat(run.path("finished_at").isNull()).as(run.toString()).isFalse();
                assertThat(run.path("execution_status").asText()).isNotEqualTo("RUNNING");
              });
      assertThat(again.getJson("/status").path("jobs").path("running").asLong(0)).isZero();
    }
  }

  /** Polls {@code /health/ready} every 50 ms until it answers something other than 200. */
  private static int awaitReadinessStatus(ServerProcess server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = server.send(server.request("/health/ready").GET());
        if (response.statusCode() != 200) {
          assertThat(server.body(response).path("status").asText()).isEqualTo("not_ready");
          return response.statusCode();
        }
      } catch (UncheckedIOException stopped) {
        return -1;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    return 200;
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
