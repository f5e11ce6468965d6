package org.rpa.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;

/**
 * The four streams on a real server, through the JDK's WebSocket client: what each sends for a job
 * submitted over HTTP and run by an in-process handler, for the executor's heartbeats and for the
 * queue's depth, in the shapes the API documents.
 */
class LiveStreamsTest {
  private static TestServer server;
  private static String viewer;
  private static String admin;

  @BeforeAll
  static void start() {
    server =
        new TestServer(
            Map.of("HEARTBEAT_INTERVAL_SECONDS", "1"),
            MutableClock.at("2026-01-01T00:00:00Z"),
            null,
            builder -> builder.handler("demo", "echo", ctx -> JobResult.success()));
    viewer = server.token("viewer", TestServer.PASSWORD);
    admin = server.adminToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void live_jobs_sends_each_change_of_a_job_with_its_status_in_the_streams_words() {
    try (var client = StreamClient.to(server, "/ws/live-jobs").bearer(viewer).open()) {
      long id = submit("demo", "echo");

      List<JsonNode> messages = new ArrayList<>();
      JsonNode message;
      do {
        message = client.next(m -> m.path("job_id").asLong() == id);
        messages.add(message);
      } while (!message.path("status").asText().equals("completed"));

      assertThat(messages.get(0).properties())
          .extracting(Map.Entry::getKey)
          .containsExactly("job_id", "status", "timestamp", "provider", "action", "attempt");
      assertThat(messages)
          .extracting(m -> m.path("status").asText())
          .containsExactly("pending", "claimed", "claimed", "completed");
      assertThat(messages).extracting(m -> m.path("attempt").asInt()).containsExactly(0, 1, 1, 1);
      assertThat(messages)
          .allSatisfy(
              m -> {
                assertThat(m.path("provider").asText()).isEqualTo("demo");
                assertThat(m.path("action").asText()).isEqualTo("echo");
                assertThat(m.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
              });
    }
  }

  @Test
  void robot_status_sends_each_heartbeat_with_cpu_and_memory_and_an_offline_robot() {
    try (var client = StreamClient.to(server, "/ws/robot-status").bearer(viewer).open()) {
      String executor = server.server.orchestrator().executorId();

      JsonNode beat = client.next(m -> m.path("robot_id").asText().equals(executor));

      assertThat(beat.properties())
          .extracting(Map.Entry::getKey)
          .containsExactly(
              "robot_id",
              "status",
              "cpu_percent",
              "memory_mb",
              "active_jobs",
              "capacity",
              "timestamp");
      assertThat(beat.path("status").asText()).isIn("idle", "busy");
      assertThat(beat.path("cpu_percent").isNumber()).isTrue();
      assertThat(beat.path("memory_mb").asDouble()).isPositive();
      assertThat(beat.path("capacity").asInt()).isEqualTo(1);

      server
          .server
          .orchestrator()
          .events()
          .publish(
              new ExecutorOffline(
                  "worker-7", "http://127.0.0.1:9/execute", "did not answer its probe", now()));
      JsonNode offline = client.next(m -> m.path("robot_id").asText().equals("worker-7"));
      assertThat(offline.path("status").asText()).isEqualTo("offline");
      assertThat(offline.path("cpu_percent").isNull()).isTrue();
      assertThat(offline.path("memory_mb").isNull()).isTrue();
      assertThat(offline.path("active_jobs").asInt()).isZero();
    }
  }

  @Test
  void queue_metrics_sends_the_depth_the_queue_monitor_samples() {
    try (var client = StreamClient.to(server, "/ws/queue-metrics").bearer(viewer).open()) {
      long before = server.server.orchestrator().analytics().liveCounts().queued();
      submit("mfn", "validation");
      submit("mfn", "validation");

      server.server.orchestrator().supervisor().wake("queue_monitor");
      JsonNode depth = client.next(m -> m.path("depth").asLong() == before + 2);

      assertThat(depth.properties())
          .extracting(Map.Entry::getKey)
          .containsExactly("depth", "timestamp");
      assertThat(depth.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    }
  }

  @Test
  void events_sends_the_channels_a_client_subscribes_to_in_the_registrys_envelope() {
    try (var client = StreamClient.to(server, "/ws/events").bearer(viewer).open()) {
      client.send("{\"action\":\"subscribe\",\"channels\":[\"queue\",\"jobs\"]}");
      JsonNode subscribed = client.next();
      assertThat(subscribed.toString())
          .isEqualTo("{\"type\":\"subscribed\",\"channels\":[\"jobs\",\"queue\"]}");

      long id = submit("mfn", "validation");
      JsonNode created = client.next(m -> m.path("type").asText().equals("job.created"));

      assertThat(created.properties())
          .extracting(Map.Entry::getKey)
          .containsExactly("type", "channel", "data", "timestamp");
      assertThat(created.path("channel").asText()).isEqualTo("jobs");
      JsonNode data = created.path("data");
      assertThat(data.path("job_id").asLong()).isEqualTo(id);
      assertThat(data.path("from").isNull()).isTrue();
      assertThat(data.path("to").asText()).isEqualTo("QUEUED");
      assertThat(data.path("provider").asText()).isEqualTo("mfn");
      assertThat(data.path("at").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
      assertThat(created.path("timestamp").asText()).isEqualTo(data.path("at").asText());

      client.send("{\"action\":\"unsubscribe\",\"channels\":[\"jobs\"]}");
      assertThat(client.next(m -> m.path("type").asText().equals("subscribed")).toString())
          .isEqualTo("{\"type\":\"subscribed\",\"channels\":[\"queue\"]}");
      submit("mfn", "validation");
      server.server.orchestrator().supervisor().wake("queue_monitor");
      JsonNode next = client.next(m -> !m.path("type").asText().equals("robot.heartbeat"));
      assertThat(next.path("type").asText()).isEqualTo("queue.depth");
      assertThat(next.path("channel").asText()).isEqualTo("queue");
    }
  }

  @Test
  void
      a_message_the_multiplexed_stream_cannot_take_is_answered_with_an_error_and_changes_nothing() {
    try (var client = StreamClient.to(server, "/ws/events").bearer(viewer).open()) {
      client.send("{\"action\":\"subscribe\",\"channels\":[\"alerts\"]}");
      client.next();
      List<String> bad =
          List.of(
              "not json",
              "[\"jobs\"]",
              "{\"action\":\"listen\",\"channels\":[\"jobs\"]}",
              "{\"action\":\"subscribe\",\"channels\":[\"jobs\",\"nope\"]}",
              "{\"action\":\"subscribe\",\"channels\":[]}",
              "{\"action\":\"subscribe\",\"channels\":\"jobs\"}",
              "{\"action\":\"subscribe\",\"channels\":[\"jobs\"],\"extra\":1}");
      for (String message : bad) {
        client.send(message);
        JsonNode answer = client.next();
        assertThat(answer.path("type").asText()).as(message).isEqualTo("error");
        assertThat(answer.path("detail").asText()).as(message).isNotBlank();
        assertThat(answer.properties()).hasSize(2);
      }

      client.send("{\"action\":\"subscribe\",\"channels\":[\"system\"]}");
      assertThat(client.next().toString())
          .isEqualTo("{\"type\":\"subscribed\",\"channels\":[\"alerts\",\"system\"]}");
    }
  }

  @Test
  void a_dedicated_stream_ignores_what_a_client_sends() {
    try (var client = StreamClient.to(server, "/ws/live-jobs").bearer(viewer).open()) {
      client.send("{\"action\":\"subscribe\",\"channels\":[\"jobs\"]}");
      long id = submit("mfn", "validation");

      JsonNode first = client.next();
      assertThat(first.path("job_id").asLong()).isEqualTo(id);
    }
  }

  @Test
  void a_client_message_over_4_kib_closes_the_connection_with_1009() {
    try (var client = StreamClient.to(server, "/ws/events").bearer(viewer).open()) {
      client.send("{\"action\":\"subscribe\",\"channels\":[\"" + "x".repeat(5_000) + "\"]}");

      assertThat(client.awaitClose().code()).isEqualTo(1009);
    }
  }

  private static long submit(String provider, String action) {
    var response =
        server.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"" + provider + "\",\"action\":\"" + action + "\"}",
            admin);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return server.body(response).path("id").asLong();
  }

  private static Instant now() {
    return server.clock.instant();
  }
}
