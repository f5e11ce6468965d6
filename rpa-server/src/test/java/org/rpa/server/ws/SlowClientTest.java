package org.rpa.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.event.Subscription;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;

/**
 * A client that completes the upgrade and then never reads, on a real server: once TCP backpressure
 * has stopped its sends, its queue stays full and what comes is dropped and counted; the engine
 * drains jobs as fast as without it, since the event bus's listener only offers to the queue; and
 * once it has dropped for {@code WS_SLOW_CLIENT_SECONDS} by the server's clock without catching up,
 * it is closed with 1013 and a reason that counts its drops.
 */
class SlowClientTest {
  private static final int JOBS = 2_000;

  @Test
  void a_client_that_never_reads_leaves_the_drain_rate_unchanged_and_is_closed_as_too_slow()
      throws Exception {
    var clock = MutableClock.at("2026-01-01T00:00:00Z");
    try (var server =
        new TestServer(
            Map.of("MAX_WORKERS", "4", "WS_SLOW_CLIENT_SECONDS", "10"),
            clock,
            null,
            builder -> builder.handler("demo", "echo", ctx -> JobResult.success()))) {
      Orchestrator engine = server.server.orchestrator();
      String viewer = server.token("viewer", TestServer.PASSWORD);
      // Warm-up: the JIT and H2's caches make the first drains slower.
      drain(engine, JOBS);
      drain(engine, JOBS);
      double alone = drain(engine, JOBS);
      double withStuckClient;

      try (var stuck =
          RawWebSocket.upgrade(
              server.server.port(), "/ws/live-jobs", Map.of("Authorization", "Bearer " + viewer))) {
        assertThat(stuck.answer().status()).isEqualTo(101);
        StreamHealth full = fillUntilStuck(server.server.streams());

        withStuckClient = drain(engine, JOBS);

        StreamHealth after = server.server.streams().health();
        assertThat(after.sessions()).isOne();
        assertThat(after.messagesSent()).isEqualTo(full.messagesSent());
        // Every job change was dropped: created, claimed, running and completed at least.
        assertThat(after.messagesDropped() - full.messagesDropped())
            .isGreaterThanOrEqualTo(4L * JOBS);

        clock.advance(Duration.ofSeconds(10));
        JsonNode closed = awaitClosedSlow(server);

        assertThat(closed.path("sessions").asInt()).isZero();
        long dropped = closed.path("messages_dropped").asLong();
        assertThat(dropped).isGreaterThanOrEqualTo(after.messagesDropped());
        RawWebSocket.Drained drained = stuck.readUntilClose();
        assertThat(drained.closeCode()).isEqualTo(1013);
        // The only connection: its drops are all the drops.
        assertThat(drained.closeReason()).isEqualTo("Too slow: " + dropped + " messages dropped");
        // What was sent, and the one message that was in flight when TCP stopped taking more.
        assertThat(drained.textFrames()).isEqualTo(after.messagesSent() + 1);
      }
      double aloneAgain = drain(engine, JOBS);
      System.out.printf(
          "drains of %d jobs: %.0f jobs/s alone, %.0f jobs/s with a client that never reads,"
              + " %.0f jobs/s alone again%n",
          JOBS, alone, withStuckClient, aloneAgain);
      // The drains alone bracket the one with the client: their mean is its fair comparison.
      assertThat(withStuckClient).isGreaterThan((alone + aloneAgain) / 2 * 0.5);
    }
  }

  /**
   * Publishes job changes to the streams until the client's sends have stopped (TCP is full: the
   * sent count stays still) while its queue is full (messages are dropped).
   */
  private static StreamHealth fillUntilStuck(LiveStreams streams) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long lastSent = -1;
    int still = 0;
    long id = 1_000_000;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 2_000; i++) {
        streams.publish(
            new JobStateChanged(
                id++, "demo", "fill", "QUEUED", "CLAIMED", 1, "filler", null, Instantly.AT));
      }
      StreamHealth health = streams.health();
      still = health.messagesDropped() > 0 && health.messagesSent() == lastSent ? still + 1 : 0;
      if (still == 5) {
        return health;
      }
      lastSent = health.messagesSent();
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError("the client's sends never stopped: " + streams.health());
  }

  /** Jobs per second of a drain of {@code jobs} echo jobs, from their submit to the last end. */
  private static double drain(Orchestrator engine, int jobs) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          var done = new CountDownLatch(jobs);
          AtomicReference<Subscription> subscription = new AtomicReference<>();
          subscription.set(
              engine
                  .events()
                  .subscribe(
                      JobStateChanged.class,
                      e -> {
                        if (e.action().equals("echo") && e.to().equals("COMPLETED")) {
                          done.countDown();
                        }
                      }));
          List<JobRequest> requests = new ArrayList<>();
          for (int i = 0; i < jobs; i++) {
            requests.add(JobRequest.of("demo", "echo").param("n", i));
          }
          long started = System.nanoTime();
          engine.jobs().submitAll(requests);
          assertThat(done.await(110, TimeUnit.SECONDS)).as("the drain ended").isTrue();
          double seconds = (System.nanoTime() - started) / 1e9;
          subscription.get().close();
          return jobs / seconds;
        });
  }

  private static JsonNode awaitClosedSlow(TestServer server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonNode health = null;
    while (System.nanoTime() < deadline) {
      var response = server.get("/api/system/health/websocket", null);
      assertThat(response.statusCode()).isEqualTo(200);
      health = server.body(response);
      if (health.path("sessions_closed_slow").asInt() == 1) {
        return health;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    throw new AssertionError("the slow client was not closed: " + health);
  }

  private static final class Instantly {
    static final java.time.Instant AT = java.time.Instant.parse("2026-01-01T00:00:00Z");
  }
}
