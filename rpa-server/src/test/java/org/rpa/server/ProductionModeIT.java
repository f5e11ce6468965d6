package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar outside development mode with no portal configured: it loads no class of the
 * sandbox (the JVM's class-load log shows none), names no demo portal in its log or {@code GET
 * /status}, and a MetroFibre job fails at once with {@code ConfigurationError}, a business failure
 * that is not retried.
 */
class ProductionModeIT {
  private static final Duration JOB_DEADLINE = Duration.ofSeconds(60);

  @TempDir Path directory;

  @Test
  void starts_no_demo_portal_and_fails_an_unconfigured_providers_job_without_retrying()
      throws Exception {
    Path classes = directory.resolve("classes.log");
    Map<String, String> production =
        Map.of(
            "HOST", "127.0.0.1",
            "DATABASE_URL", "jdbc:h2:file:./data/rpa",
            "JWT_SECRET", "it-secret-0123456789abcdef0123456789abcdef",
            "ADMIN_PASSWORD", "it-admin-password");
    JsonNode job;
    try (ServerProcess server =
        ServerProcess.start(
            directory,
            ServerProcess.freePort(),
            production,
            List.of("-Xlog:class+load=info:file=" + classes))) {
      server.awaitHealthy();
      server.login("admin", "it-admin-password");

      JsonNode status = server.getJson("/status");
      assertThat(status.path("demo_portals").asBoolean()).as(status.toString()).isFalse();
      assertThat(status.path("portals").findValuesAsText("source"))
          .containsExactly("missing", "missing", "missing", "missing");
      assertThat(status.path("portals").findValuesAsText("provider"))
          .containsExactlyElementsOf(RpaServer.PROVIDERS);
      assertThat(status.path("portals").findValues("url")).allMatch(JsonNode::isNull);

      long id = server.submit("mfn", "validation", "MFN-100001");
      job =
          server.await(
              "the job final",
              JOB_DEADLINE,
              () -> server.getJson("/jobs/" + id),
              j -> Set.of("COMPLETED", "FAILED", "CANCELLED").contains(j.path("status").asText()));
      assertThat(server.getJson("/jobs/" + id).path("executions").size()).isEqualTo(1);
    }

    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("FAILED");
    assertThat(job.path("attempts").asInt()).isEqualTo(1);
    assertThat(job.path("max_attempts").asInt()).as("retries were allowed").isGreaterThan(1);
    assertThat(job.path("error").path("type").asText()).isEqualTo("ConfigurationError");
    assertThat(job.path("error").path("message").asText())
        .isEqualTo("METROFIBER_URL is not configured");
    assertThat(job.path("result").path("error_type").asText()).isEqualTo("ConfigurationError");

    String log = Files.readString(directory.resolve("server.log"));
    assertThat(log).doesNotContainIgnoringCase("demo portal");
    List<String> loaded = Files.readAllLines(classes);
    assertThat(loaded)
        .as("the class-load log")
        .anyMatch(l -> l.contains("org.rpa.server.RpaServer"));
    assertThat(loaded)
        .as("sandbox classes loaded")
        .noneMatch(l -> l.contains("org.rpa.sandbox.") || l.contains("org.rpa.server.DemoPortals"));
  }
}
