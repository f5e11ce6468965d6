package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * {@code GET /metrics} and {@code GET /scheduler} in exactly seed 000's shape, on a moved clock.
 */
class MetricsShapeTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> COUNTS =
      List.of("queued_jobs", "running_jobs", "completed_jobs", "failed_jobs");
  private TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void history_is_collected_every_five_minutes_newest_first_with_averages_and_current() {
    String token = server.adminToken();
    for (int i = 0; i < 2; i++) {
      server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
    }
    for (int i = 0; i < 2; i++) {
      server.clock.advance(Duration.ofMinutes(5));
      server.server.orchestrator().schedules().runDue();
    }

    JsonNode body = server.body(server.get("/metrics", null));

    assertThat(fields(body)).containsExactly("metrics", "averages", "current");
    JsonNode history = body.path("metrics");
    assertThat(history.size()).isGreaterThanOrEqualTo(3);
    double[] sums = new double[COUNTS.size()];
    Instant previous = null;
    for (JsonNode point : history) {
      assertThat(fields(point))
          .containsExactly(
              "timestamp", "queued_jobs", "running_jobs", "completed_jobs", "failed_jobs");
      Instant at = Instant.parse(point.path("timestamp").asText());
      assertThat(Duration.between(START, at).toSeconds() % 300).isZero();
      if (previous != null) {
        assertThat(at).isBefore(previous);
      }
      previous = at;
      for (int i = 0; i < COUNTS.size(); i++) {
        sums[i] += point.path(COUNTS.get(i)).asDouble();
      }
    }
    assertThat(previous).isEqualTo(START);
    assertThat(history.get(0).path("queued_jobs").asInt()).isEqualTo(2);
    assertThat(fields(body.path("averages"))).containsExactlyElementsOf(COUNTS);
    for (int i = 0; i < COUNTS.size(); i++) {
      assertThat(body.path("averages").path(COUNTS.get(i)).asDouble())
          .isCloseTo(sums[i] / history.size(), org.assertj.core.data.Offset.offset(0.051));
    }
    // The uptime two and a half days on (the scheduler's loop may take a point meanwhile).
    server.clock.advance(Duration.ofDays(2).plusHours(14).plusMinutes(22).plusSeconds(15));
    JsonNode current = server.body(server.get("/metrics", null)).path("current");
    assertThat(fields(current))
        .containsExactly(
            "status",
            "uptime",
            "queued_jobs",
            "running_jobs",
            "completed_jobs",
            "failed_jobs",
            "workers",
            "version");
    assertThat(current.path("uptime").asText()).isEqualTo("2 days, 14:32:15");
    assertThat(current.path("queued_jobs").asInt()).isEqualTo(2);
    assertThat(current.path("status").asText()).isIn("online", "degraded");
    current
        .path("workers")
        .forEach(status -> assertThat(status.asText()).isIn("online", "offline"));
    assertThat(current.path("version").asText()).isNotBlank();
  }

  @Test
  void the_history_is_the_last_24_hours_by_default_and_the_averages_cover_the_window_served() {
    // The point taken at start (0 queued), then one job more before each later point.
    for (int i = 1; i <= 3; i++) {
      String token = server.adminToken();
      server.sendJson("POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"validation\"}", token);
      server.clock.advance(Duration.ofHours(12));
      server.server.orchestrator().schedules().runDue();
    }

    JsonNode day = server.body(server.get("/metrics", null));
    JsonNode week = server.body(server.get("/metrics?period=7d", null));
    JsonNode hour = server.body(server.get("/metrics?period=1h", null));

    assertThat(counts(day.path("metrics"))).containsExactly(3, 2, 1);
    assertThat(day.path("averages").path("queued_jobs").asDouble()).isEqualTo(2.0);
    assertThat(counts(week.path("metrics"))).containsExactly(3, 2, 1, 0);
    assertThat(week.path("averages").path("queued_jobs").asDouble()).isEqualTo(1.5);
    assertThat(counts(hour.path("metrics"))).containsExactly(3);
    assertThat(hour.path("averages").path("queued_jobs").asDouble()).isEqualTo(3.0);
  }

  @Test
  void a_period_not_offered_is_400_and_other_parameters_are_ignored() {
    var refused = server.get("/metrics?period=2d", null);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(server.body(refused).path("error_type").asText()).isEqualTo("ValidationError");
    assertThat(server.body(refused).path("detail").asText()).contains("period", "90d");
    assertThat(server.get("/metrics?_=12345", null).statusCode()).isEqualTo(200);
  }

  private static List<Integer> counts(JsonNode history) {
    List<Integer> counts = new ArrayList<>();
    history.forEach(point -> counts.add(point.path("queued_jobs").asInt()));
    return counts;
  }

  @Test
  void scheduler_shows_seed_000s_five_tasks_and_triggers() {
    JsonNode body = server.body(server.get("/scheduler", null));

    assertThat(body.path("running").asBoolean()).isTrue();
    assertThat(body.path("job_count").asInt()).isEqualTo(5);
    List<String> rows = new ArrayList<>();
    body.path("jobs")
        .forEach(job -> rows.add(job.path("id").asText() + " " + job.path("trigger").asText()));
    assertThat(rows)
        .containsExactly(
            "poll_job_queue interval[0:00:30]",
            "collect_metrics interval[0:05:00]",
            "cleanup_old_evidence cron",
            "recover_stale_jobs interval[0:10:00]",
            "poll_worker_job_status interval[0:00:30]");
    JsonNode cleanup = body.path("jobs").get(2);
    assertThat(cleanup.path("schedule").asText()).startsWith("0 2 * * *");
    assertThat(cleanup.path("next_run").asText()).endsWith("Z");
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
