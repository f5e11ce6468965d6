package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.automation.BrowserAutomation;
import org.rpa.automation.Secrets;
import org.rpa.sandbox.SandboxPortals;
import org.rpa.server.SeedExample;

/**
 * The worker service runs the MetroFibre validation flow in a real Chromium against the sandbox
 * portal; its {@code GET /status/{job_id}} of the completed job is compared field by field with the
 * documented example: {@code "Validation completed successfully"}, {@code processing_time} as
 * {@code "00:00:12"}, the same fields in the same order.
 */
class WorkerSeedShapeIT {
  private static final String TOKEN = "worker-seed-shape-it-token";
  @TempDir Path temp;
  private SandboxPortals portals;
  private BrowserAutomation automation;
  private WorkerService worker;
  private WorkerCalls calls;

  @BeforeEach
  void start() throws Exception {
    portals = SandboxPortals.start();
    Path secrets = Files.createDirectories(temp.resolve("secrets"));
    for (var variable : portals.variables().entrySet()) {
      Files.writeString(secrets.resolve(variable.getKey()), variable.getValue());
    }
    automation =
        BrowserAutomation.builder()
            .secrets(Secrets.fromDirectory(secrets))
            .evidenceDirectory(temp.resolve("evidence"))
            .maxSessions(1)
            .build();
    worker = WorkerCalls.start(automation, Clock.systemUTC(), 1, TOKEN);
    calls = new WorkerCalls(worker.port(), TOKEN);
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    if (automation != null) {
      automation.close();
    }
    if (portals != null) {
      portals.close();
    }
  }

  @Test
  void a_completed_validation_has_the_documented_fields_words_and_formats() throws Exception {
    String circuit = portals.portal("mfn").circuit(1);
    HttpResponse<String> accepted = calls.execute(12345, "mfn", "validation", circuit, 1);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    JsonNode done = calls.awaitFinished(12345, Duration.ofSeconds(120));

    SeedExample.of("000-worker-job-completed.json")
        .adds(
            "result.details.processing_seconds",
            // what the MetroFibre validation found
            "result.details.service_status",
            "result.details.circuit_found",
            "result.details.is_active",
            "result.screenshots",
            "attempt",
            "callback")
        .sameValue(
            "job_id",
            "status",
            "result.status",
            "result.message",
            "result.details.provider",
            "result.details.action")
        .assertMatches(done);
    JsonNode details = done.path("result").path("details");
    assertThat(details.path("circuit_number").asText()).isEqualTo(circuit);
    Duration took =
        Duration.between(
            Instant.parse(done.path("start_time").asText()),
            Instant.parse(done.path("end_time").asText()));
    assertThat(details.path("processing_seconds").asDouble())
        .isBetween(0.0, took.toMillis() / 1000.0 + 1);
    System.out.println("completed: " + done.path("result"));
  }
}
