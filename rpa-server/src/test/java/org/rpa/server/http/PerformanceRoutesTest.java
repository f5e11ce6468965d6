package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.metrics.Performance;
import org.rpa.server.TestServer;

/**
 * {@code GET /api/system/performance} and {@code /performance/history} on a real server: the
 * shapes, the HTTP requests the server recorded, the connection pool of its H2 store, one history
 * point per minute of the server's clock, and 400 for a bad {@code hours}.
 */
class PerformanceRoutesTest {
  private static final String NOW = "/api/system/performance";
  private static final String HISTORY = "/api/system/performance/history";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  /** A fresh viewer token: a test moves the server's clock by hours. */
  private static String viewer() {
    return server.token("viewer", TestServer.PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void without_a_token_both_are_401() {
    assertThat(server.get(NOW, null).statusCode()).isEqualTo(401);
    assertThat(server.get(HISTORY, null).statusCode()).isEqualTo(401);
  }

  @Test
  void the_last_minute_counts_the_requests_the_server_answered_with_their_latency() {
    String viewer = viewer();
    long before =
        server
            .body(server.get(NOW, viewer()))
            .path("last_minute")
            .path("http")
            .path("requests")
            .asLong();
    for (int i = 0; i < 25; i++) {
      assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
    }

    var response = server.get(NOW, viewer);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(names(body))
        .containsExactly(
            "last_minute", "last_five_minutes", "heap", "connection_pool", "timestamp");
    JsonNode minute = body.path("last_minute");
    assertThat(names(minute))
        .containsExactly(
            "from",
            "to",
            "span_seconds",
            "dispatch",
            "pick_up_ms",
            "claim_ms",
            "store",
            "gc",
            "http");
    assertThat(names(minute.path("pick_up_ms")))
        .containsExactly("count", "avg", "p50", "p90", "p99", "max");
    assertThat(names(minute.path("store")))
        .containsExactly(
            "commits",
            "commits_per_second",
            "committed",
            "mean_batch_size",
            "largest_batch",
            "commit_ms");
    assertThat(names(minute.path("dispatch"))).containsExactly("started", "jobs_per_second");
    JsonNode http = minute.path("http");
    assertThat(http.path("requests").asLong()).isGreaterThanOrEqualTo(before + 25);
    assertThat(http.path("latency_ms").path("count").asLong())
        .isEqualTo(http.path("requests").asLong());
    assertThat(http.path("latency_ms").path("p99").asDouble()).isPositive();
    assertThat(Instant.parse(minute.path("to").asText())).isEqualTo(server.clock.instant());
    assertThat(body.path("heap").path("used_mb").asDouble()).isPositive();
    assertThat(body.path("heap").path("committed_mb").asDouble())
        .isGreaterThanOrEqualTo(body.path("heap").path("used_mb").asDouble());
    JsonNode pool = body.path("connection_pool");
    assertThat(names(pool)).containsExactly("active", "idle", "total", "max", "waiting");
    assertThat(pool.path("total").asInt()).isPositive();
    assertThat(pool.path("max").asInt()).isGreaterThanOrEqualTo(pool.path("total").asInt());
    assertThat(body.path("last_five_minutes").path("http").path("requests").asLong())
        .isGreaterThanOrEqualTo(http.path("requests").asLong());
  }

  @Test
  void the_history_has_a_point_per_minute_of_the_server_s_clock_oldest_first() {
    var performance = server.server.orchestrator().metrics().performance();
    int before = server.body(server.get(HISTORY + "?hours=24", viewer())).path("count").asInt();
    for (int minute = 0; minute < 3; minute++) {
      server.get("/health", null);
      server.clock.advance(Performance.SAMPLE);
      performance.tick();
    }

    JsonNode body = server.body(server.get(HISTORY, viewer()));

    assertThat(names(body))
        .containsExactly("interval_seconds", "hours", "count", "points", "timestamp");
    assertThat(body.path("interval_seconds").asInt()).isEqualTo(60);
    assertThat(body.path("hours").asInt()).isEqualTo(24);
    JsonNode points = body.path("points");
    assertThat(body.path("count").asInt()).isEqualTo(points.size()).isEqualTo(before + 3);
    JsonNode last = points.get(points.size() - 1);
    assertThat(names(last))
        .containsExactly(
            "from",
            "to",
            "started",
            "jobs_per_second",
            "pick_up_p50_ms",
            "pick_up_p99_ms",
            "claim_p99_ms",
            "commit_p99_ms",
            "mean_batch_size",
            "largest_batch",
            "requests",
            "http_p99_ms",
            "gc_time_ms",
            "heap_used_mb",
            "pool_active",
            "pool_waiting");
    assertThat(Instant.parse(last.path("to").asText())).isEqualTo(server.clock.instant());
    assertThat(
            Duration.between(
                Instant.parse(last.path("from").asText()), Instant.parse(last.path("to").asText())))
        .isEqualTo(Performance.SAMPLE);
    assertThat(last.path("requests").asLong()).isPositive();
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i).path("from").asText())
          .isEqualTo(points.get(i - 1).path("to").asText());
    }
    server.clock.advance(Duration.ofHours(2));
    assertThat(server.body(server.get(HISTORY + "?hours=1", viewer())).path("count").asInt())
        .as("none of them ended in the last hour")
        .isZero();
  }

  @Test
  void an_hours_outside_1_to_24_or_not_a_number_is_400_and_an_unknown_parameter_too() {
    for (String query : List.of("?hours=0", "?hours=25", "?hours=x", "?minutes=5")) {
      var response = server.get(HISTORY + query, viewer());
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(server.body(response).path("error_type").asText()).isEqualTo("ValidationError");
      assertThat(server.body(response).path("detail").asText()).isNotBlank();
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
