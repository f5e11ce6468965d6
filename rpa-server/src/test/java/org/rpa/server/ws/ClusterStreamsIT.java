package org.rpa.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.MutableClock;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.TestServer;

/**
 * Two servers on one PostgreSQL database: a client of the first sees, once each, every change of a
 * job submitted to and run by the second, with the second's executor, and the second's heartbeats;
 * the second's own client sees each change of that job once too.
 */
@ExtendWith(PostgresExtension.class)
class ClusterStreamsIT {

  @Test
  void a_client_of_one_instance_sees_the_job_changes_another_instance_makes(PgDatabase database) {
    var clock = MutableClock.at("2026-01-01T00:00:00Z");
    try (var first = new TestServer(Map.of("DATABASE_URL", database.jdbcUrl()), clock);
        var second =
            new TestServer(
                Map.of("DATABASE_URL", database.jdbcUrl(), "HEARTBEAT_INTERVAL_SECONDS", "1"),
                clock,
                null,
                builder -> builder.handler("demo", "echo", ctx -> JobResult.success()))) {
      String viewer = first.token("viewer", TestServer.PASSWORD);
      String admin = second.adminToken();
      try (var jobsOnFirst = StreamClient.to(first, "/ws/live-jobs").bearer(viewer).open();
          var eventsOnFirst = StreamClient.to(first, "/ws/events").bearer(viewer).open();
          var jobsOnSecond =
              StreamClient.to(second, "/ws/live-jobs")
                  .bearer(second.token("viewer", TestServer.PASSWORD))
                  .open()) {
        eventsOnFirst.send("{\"action\":\"subscribe\",\"channels\":[\"jobs\",\"robots\"]}");
        assertThat(eventsOnFirst.next().path("type").asText()).isEqualTo("subscribed");
        awaitSharing(second, eventsOnFirst);
        String secondExecutor = second.server.orchestrator().executorId();

        long id = submit(second, admin, "demo", "echo");
        List<JsonNode> onFirst = until(jobsOnFirst, id, "completed");
        long marker = submit(second, admin, "mfn", "validation");
        onFirst.addAll(until(jobsOnFirst, marker, "pending"));
        List<JsonNode> onSecond = until(jobsOnSecond, marker, "pending");

        assertThat(statuses(onFirst, id))
            .containsExactly("pending", "claimed", "claimed", "completed");
        assertThat(statuses(onSecond, id))
            .containsExactly("pending", "claimed", "claimed", "completed");
        List<JsonNode> events = new ArrayList<>();
        JsonNode event;
        do {
          event = eventsOnFirst.next(m -> m.path("channel").asText().equals("jobs"));
          events.add(event);
        } while (event.path("data").path("job_id").asLong() != marker);
        List<JsonNode> changes =
            events.stream().filter(m -> m.path("data").path("job_id").asLong() == id).toList();
        assertThat(changes)
            .extracting(m -> m.path("type").asText())
            .containsExactly("job.created", "job.claimed", "job.running", "job.completed");
        assertThat(changes.subList(1, 4))
            .allSatisfy(
                m ->
                    assertThat(m.path("data").path("executor").asText()).isEqualTo(secondExecutor));
        JsonNode beat =
            eventsOnFirst.next(
                m ->
                    m.path("type").asText().equals("robot.heartbeat")
                        && m.path("data").path("executor_id").asText().equals(secondExecutor));
        assertThat(beat.path("data").path("capacity").asInt()).isEqualTo(1);
      }
    }
  }

  /** Until the first instance hears the second, nothing shared reaches it: probe first. */
  private static void awaitSharing(TestServer second, StreamClient listener) {
    Predicate<JsonNode> probe =
        m -> m.path("data").path("executor_id").asText().equals("sharing-probe");
    long deadline = System.nanoTime() + StreamClient.WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      second
          .server
          .orchestrator()
          .events()
          .publish(
              new ExecutorHeartbeat(
                  "sharing-probe", "idle", 0, 0, 0.0, 0.0, Instant.parse("2026-01-01T00:00:00Z")));
      for (JsonNode message : listener.pending()) {
        if (probe.test(message)) {
          return;
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
    }
    throw new AssertionError("the first instance never heard the second");
  }

  private static List<JsonNode> until(StreamClient client, long jobId, String status) {
    List<JsonNode> messages = new ArrayList<>();
    JsonNode message;
    do {
      message = client.next();
      messages.add(message);
    } while (message.path("job_id").asLong() != jobId
        || !message.path("status").asText().equals(status));
    return messages;
  }

  private static List<String> statuses(List<JsonNode> messages, long jobId) {
    return messages.stream()
        .filter(m -> m.path("job_id").asLong() == jobId)
        .map(m -> m.path("status").asText())
        .toList();
  }

  private static long submit(TestServer server, String token, String provider, String action) {
    var response =
        server.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"" + provider + "\",\"action\":\"" + action + "\"}",
            token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return server.body(response).path("id").asLong();
  }
}
