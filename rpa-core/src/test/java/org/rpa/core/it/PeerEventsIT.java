package org.rpa.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.event.RpaEvent;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * Two orchestrators sharing events on one PostgreSQL database: each hears, on its peer bus, every
 * change of a job the other runs, in order and once, with the same fields as the other's own bus
 * carries, and the other's heartbeats; neither hears its own events back; many events at once
 * travel packed and arrive complete; an instance that no other listens to sends nothing.
 */
@ExtendWith(PostgresExtension.class)
class PeerEventsIT {
  private static final String PROBE = "probe";

  @Test
  void each_instance_hears_the_job_changes_and_heartbeats_of_the_other_and_never_its_own(
      PgDatabase database) throws Exception {
    List<RpaEvent> heardByApi = new CopyOnWriteArrayList<>();
    List<RpaEvent> heardByWorker = new CopyOnWriteArrayList<>();
    List<JobStateChanged> workerOwn = new CopyOnWriteArrayList<>();
    var completedSeen = new CountDownLatch(1);
    var beatSeen = new CountDownLatch(1);
    try (var worker =
            Orchestrator.builder()
                .database(database.jdbcUrl())
                .executorName("worker")
                .shareEvents(true)
                .heartbeatInterval(Duration.ofMillis(200))
                .handler("demo", "echo", ctx -> JobResult.success())
                .build();
        var api =
            Orchestrator.builder()
                .database(database.jdbcUrl())
                .executorName("api")
                .shareEvents(true)
                .jobType("demo", "echo")
                .build()) {
      worker.events().subscribe(JobStateChanged.class, workerOwn::add);
      worker.peerEvents().subscribe(heardByWorker::add);
      api.peerEvents().subscribe(heardByApi::add);
      api.peerEvents()
          .subscribe(
              JobStateChanged.class,
              e -> {
                if (e.to().equals("COMPLETED")) {
                  completedSeen.countDown();
                }
              });
      api.peerEvents()
          .subscribe(
              ExecutorHeartbeat.class,
              e -> {
                if (e.executorId().equals("worker")) {
                  beatSeen.countDown();
                }
              });
      worker.start();
      api.start();
      awaitListening(api, worker);

      JobId id = api.jobs().submit(JobRequest.of("demo", "echo"));

      assertThat(completedSeen.await(20, TimeUnit.SECONDS)).as("completion heard").isTrue();
      assertThat(beatSeen.await(20, TimeUnit.SECONDS)).as("heartbeat heard").isTrue();
      List<JobStateChanged> heard = jobChanges(heardByApi, id.value());
      List<JobStateChanged> own = jobChanges(new ArrayList<>(workerOwn), id.value());
      assertThat(heard).isNotEmpty().isEqualTo(own);
      assertThat(heard).extracting(JobStateChanged::to).endsWith("RUNNING", "COMPLETED");
      assertThat(heard).allSatisfy(e -> assertThat(e.executor()).isEqualTo("worker"));
      assertThat(heardByApi)
          .filteredOn(ExecutorHeartbeat.class::isInstance)
          .map(e -> ((ExecutorHeartbeat) e).executorId())
          .contains("worker")
          .containsOnly("worker", PROBE);
      // The api's own job.created went to the worker, never back to the api.
      assertThat(jobChanges(heardByWorker, id.value()))
          .extracting(JobStateChanged::type)
          .containsExactly("job.created");
      assertThat(jobChanges(heardByApi, id.value()))
          .extracting(JobStateChanged::type)
          .doesNotContain("job.created");
    }
  }

  @Test
  void a_burst_of_events_travels_packed_and_arrives_complete(PgDatabase database) throws Exception {
    int jobs = 2_000;
    var created = new CountDownLatch(jobs);
    try (var sender =
            Orchestrator.builder()
                .database(database.jdbcUrl())
                .shareEvents(true)
                .jobType("demo", "burst")
                .build();
        var listener =
            Orchestrator.builder()
                .database(database.jdbcUrl())
                .shareEvents(true)
                .jobType("demo", "burst")
                .build()) {
      listener
          .peerEvents()
          .subscribe(
              JobStateChanged.class,
              e -> {
                if (e.type().equals("job.created") && e.action().equals("burst")) {
                  created.countDown();
                }
              });
      sender.start();
      listener.start();
      awaitListening(sender, listener);
      List<JobRequest> requests = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        requests.add(JobRequest.of("demo", "burst").param("n", i).reference("r-" + i));
      }

      sender.jobs().submitAll(requests);

      assertThat(created.await(20, TimeUnit.SECONDS))
          .as("created events heard: %d missing", created.getCount())
          .isTrue();
    }
  }

  @Test
  void an_instance_alone_sends_nothing_until_another_listens(PgDatabase database) throws Exception {
    try (var alone =
            Orchestrator.builder()
                .database(database.jdbcUrl())
                .shareEvents(true)
                .jobType("demo", "quiet")
                .build()
                .start();
        Connection listener = DriverManager.getConnection(database.jdbcUrl());
        Statement statement = listener.createStatement()) {
      PGConnection pg = listener.unwrap(PGConnection.class);
      statement.execute("LISTEN rpa_events");
      // Still listening, but its last statement is no LISTEN: the relay does not count it.
      statement.execute("SELECT 1");

      assertThat(notifications(pg, alone, Duration.ofSeconds(4))).as("sent while alone").isZero();

      statement.execute("LISTEN rpa_events");
      assertThat(notifications(pg, alone, Duration.ofSeconds(10)))
          .as("sent once another listens")
          .isPositive();
    }
  }

  /** Submits a job now and then for {@code window}; the notifications heard meanwhile. */
  private static int notifications(PGConnection pg, Orchestrator orchestrator, Duration window)
      throws Exception {
    int heard = 0;
    long deadline = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < deadline && heard == 0) {
      orchestrator.jobs().submit(JobRequest.of("demo", "quiet"));
      PGNotification[] received = pg.getNotifications(250);
      heard += received == null ? 0 : received.length;
    }
    if (heard == 0) {
      PGNotification[] late = pg.getNotifications(1_000);
      heard += late == null ? 0 : late.length;
    }
    return heard;
  }

  private static List<JobStateChanged> jobChanges(List<RpaEvent> events, long jobId) {
    return events.stream()
        .filter(JobStateChanged.class::isInstance)
        .map(JobStateChanged.class::cast)
        .filter(e -> e.jobId() == jobId)
        .toList();
  }

  /**
   * Until both peer listeners listen, what is sent is not heard: each publishes a probe heartbeat
   * on its own bus until the other hears one.
   */
  private static void awaitListening(Orchestrator first, Orchestrator second) throws Exception {
    var firstHeard = new CountDownLatch(1);
    var secondHeard = new CountDownLatch(1);
    var one = first.peerEvents().subscribe(ExecutorHeartbeat.class, e -> probe(e, firstHeard));
    var two = second.peerEvents().subscribe(ExecutorHeartbeat.class, e -> probe(e, secondHeard));
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while ((firstHeard.getCount() > 0 || secondHeard.getCount() > 0)
          && System.nanoTime() < deadline) {
        first.events().publish(probe());
        second.events().publish(probe());
        secondHeard.await(100, TimeUnit.MILLISECONDS);
        firstHeard.await(100, TimeUnit.MILLISECONDS);
      }
      assertThat(firstHeard.getCount() + secondHeard.getCount()).as("both listening").isZero();
    } finally {
      one.close();
      two.close();
    }
  }

  private static ExecutorHeartbeat probe() {
    return new ExecutorHeartbeat(
        PROBE, "idle", 0, 0, 0.0, 0.0, Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static void probe(ExecutorHeartbeat beat, CountDownLatch heard) {
    if (beat.executorId().equals(PROBE)) {
      heard.countDown();
    }
  }
}
