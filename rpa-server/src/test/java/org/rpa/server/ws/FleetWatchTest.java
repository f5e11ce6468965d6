package org.rpa.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.ExecutorOffline;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;

/**
 * An executor that goes offline without a word, on a real server: another process's executor on the
 * same database (a {@link ManualOrchestrator} on the same clock) stops renewing its lease; once the
 * lease has ended by the clock, {@code /ws/robot-status} sends it {@code offline}, once.
 */
class FleetWatchTest {

  @Test
  void an_executor_whose_lease_lapses_is_sent_offline_once() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    var clock = MutableClock.at("2026-01-01T00:00:00Z");
    try (var server =
            new TestServer(
                Map.of("DATABASE_URL", url, "HEARTBEAT_INTERVAL_SECONDS", "1"),
                clock,
                null,
                builder -> builder.handler("demo", "echo", ctx -> JobResult.success()));
        var client =
            StreamClient.to(server, "/ws/robot-status")
                .bearer(server.token("viewer", TestServer.PASSWORD))
                .open();
        var other =
            ManualOrchestrator.builder()
                .database(url)
                .clock(clock)
                .executorName("other-robot")
                .handler("demo", "other", ctx -> JobResult.success())
                .build()) {
      LiveStreams streams = server.server.streams();
      streams.housekeep();

      clock.advance(Duration.ofSeconds(61));
      streams.housekeep();
      JsonNode offline = client.next(m -> m.path("robot_id").asText().equals("other-robot"));
      streams.housekeep();
      streams.publish(new ExecutorOffline("marker", null, "end of the test", clock.instant()));

      assertThat(offline.path("status").asText()).isEqualTo("offline");
      assertThat(offline.path("cpu_percent").isNull()).isTrue();
      assertThat(offline.path("capacity").asInt()).isZero();
      assertThat(offline.path("timestamp").asText()).isEqualTo("2026-01-01T00:01:01.000Z");
      List<JsonNode> after = new ArrayList<>();
      JsonNode next;
      do {
        next = client.next();
        after.add(next);
      } while (!next.path("robot_id").asText().equals("marker"));
      assertThat(after).noneMatch(m -> m.path("robot_id").asText().equals("other-robot"));
    }
  }
}
