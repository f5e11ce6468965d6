package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;

/**
 * {@code GET /metrics}' history survives a restart: a real server on an H2 file takes its
 * snapshots, stops, and a new server on the same file serves them with its own.
 */
class MetricsRestartTest {
  @TempDir Path temp;

  @Test
  void snapshots_taken_before_a_restart_are_served_after_it() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    Map<String, String> env =
        Map.of("DATABASE_URL", "jdbc:h2:file:" + temp.resolve("rpa").toAbsolutePath());
    List<String> before;
    try (var first = new TestServer(env, clock)) {
      for (int i = 0; i < 3; i++) {
        first.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"osn\",\"action\":\"validation\"}",
            first.adminToken());
        clock.advance(Duration.ofMinutes(5));
        first.server.orchestrator().schedules().runDue();
      }
      before = points(first.body(first.get("/metrics", null)));
    }
    assertThat(before)
        .containsExactly(
            "2026-01-01T00:15:00.000Z 3",
            "2026-01-01T00:10:00.000Z 2",
            "2026-01-01T00:05:00.000Z 1",
            "2026-01-01T00:00:00.000Z 0");

    clock.advance(Duration.ofMinutes(7));
    try (var second = new TestServer(env, clock)) {
      JsonNode body = second.body(second.get("/metrics", null));

      List<String> after = points(body);
      assertThat(after.get(0)).as("taken at the new start").isEqualTo("2026-01-01T00:22:00.000Z 3");
      assertThat(after.subList(1, after.size())).isEqualTo(before);
      assertThat(body.path("averages").path("queued_jobs").asDouble()).isEqualTo(9.0 / 5);
      assertThat(body.path("current").path("uptime").asText()).isEqualTo("0:00:00");
    }
  }

  private static List<String> points(JsonNode body) {
    List<String> points = new ArrayList<>();
    body.path("metrics")
        .forEach(
            p -> points.add(p.path("timestamp").asText() + " " + p.path("queued_jobs").asInt()));
    return points;
  }
}
