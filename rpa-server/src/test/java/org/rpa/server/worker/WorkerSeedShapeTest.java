package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.automation.BrowserAutomation;
import org.rpa.automation.Secrets;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.SeedExample;

/**
 * The worker service with the built-in flows, its answers compared field by field with the
 * documented examples: {@code GET /status} (the four providers and their actions in the documented
 * order), an unknown job, and a job that failed on its third attempt ({@code retry_count} 3, the
 * attempts made). The browser binaries do not exist here, so a flow fails as soon as it needs the
 * browser; {@code WorkerSeedShapeIT} runs a flow to completion against a sandbox portal.
 */
class WorkerSeedShapeTest {
  private static final String TOKEN = "worker-seed-shape-token";
  @TempDir Path temp;
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private BrowserAutomation automation;
  private WorkerService worker;
  private WorkerCalls calls;

  @BeforeEach
  void start() throws Exception {
    automation =
        BrowserAutomation.builder()
            .clock(clock)
            .secrets(Secrets.fromDirectory(Files.createDirectories(temp.resolve("secrets"))))
            .evidenceDirectory(temp.resolve("evidence"))
            .browser(temp.resolve("no-chromium"), temp.resolve("no-chromedriver"))
            .build();
    worker = WorkerCalls.start(automation, clock, 4, TOKEN);
    calls = new WorkerCalls(worker.port(), TOKEN);
  }

  @AfterEach
  void stop() {
    worker.close();
    automation.close();
  }

  @Test
  void status_has_the_documented_fields_providers_and_actions_in_order() throws Exception {
    JsonNode status = calls.get("/status");

    SeedExample.of("000-worker-status.json")
        .renames("python_version", "java_version")
        .adds("worker_id", "resources")
        .sameValue("status")
        .assertMatches(status);
    assertThat(status.path("providers").toString())
        .isEqualTo("[\"mfn\",\"osn\",\"octotel\",\"evotel\"]");
  }

  @Test
  void an_unknown_job_is_not_found_in_the_documented_words() throws Exception {
    SeedExample.of("000-worker-job-not-found.json")
        .sameValue("job_id", "status", "message")
        .assertMatches(calls.get("/status/99999"));
  }

  @Test
  void a_job_that_failed_on_its_third_attempt_has_retry_count_3() throws Exception {
    HttpResponse<String> accepted = calls.execute(12346, "osn", "validation", "ABC123", 3);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    JsonNode failed = calls.awaitFinished(12346, Duration.ofSeconds(30));

    SeedExample.of("000-worker-job-failed.json")
        .adds("attempt", "callback")
        .sameValue(
            "job_id",
            "status",
            "result.details.provider",
            "result.details.action",
            "result.details.retry_count")
        .assertMatches(failed);
    assertThat(failed.path("attempt").asInt()).isEqualTo(3);
    assertThat(failed.path("callback").path("status").asText()).isEqualTo("failed");
  }
}
