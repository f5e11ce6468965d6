package org.rpa.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.EventType;
import org.rpa.core.event.EventTypes;
import org.rpa.core.event.HealthChanged;
import org.rpa.core.event.QueueDepthSampled;
import org.rpa.core.event.RpaEvent;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.JobAssert;

/** What a running orchestrator publishes is what the event catalog lists. */
class OrchestratorEventsTest {

  @Test
  void every_event_a_running_orchestrator_publishes_is_listed_with_its_class() throws Exception {
    var events = new CopyOnWriteArrayList<RpaEvent>();
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .handler("demo", "echo", ctx -> JobResult.success())
            .build()) {
      rpa.events().subscribe(events::add);
      rpa.start();
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
      JobAssert.assertThat(rpa.jobs().await(id, Duration.ofSeconds(10)))
          .hasStatus(JobStatus.COMPLETED);
      rpa.health().report();
      rpa.supervisor().stopLoop("dispatcher");
      rpa.health().report();
      rpa.supervisor().startLoop("dispatcher");
      rpa.health().report();
      rpa.breakers().breaker("portal-mfn").transitionToOpenState();
      next(rpa, QueueDepthSampled.class);

      for (RpaEvent event : events) {
        EventType type = EventTypes.of(event.type()).orElseThrow();
        assertThat(event).isInstanceOf(type.payload());
      }
      assertThat(events.stream().map(RpaEvent::type).distinct())
          .contains(
              "job.created",
              "job.claimed",
              "job.running",
              "job.completed",
              "robot.heartbeat",
              "queue.depth",
              "system.health_changed",
              "supervisor.worker_stopped",
              "supervisor.worker_running",
              "breaker.state_changed");
      List<HealthChanged> health =
          events.stream()
              .filter(HealthChanged.class::isInstance)
              .map(HealthChanged.class::cast)
              .toList();
      assertThat(health)
          .extracting(HealthChanged::from, HealthChanged::to)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("healthy", "unhealthy"),
              org.assertj.core.groups.Tuple.tuple("unhealthy", "healthy"));
      assertThat(health.get(0).message()).contains("dispatcher");
    }
  }

  @Test
  void the_queue_monitor_publishes_the_depth_of_the_queue() throws Exception {
    try (var rpa =
        Orchestrator.builder().database(H2.memory()).jobType("mfn", "validate").build()) {
      rpa.jobs().submit(JobRequest.of("mfn", "validate"));
      rpa.jobs().submit(JobRequest.of("mfn", "validate"));
      rpa.jobs()
          .submit(JobRequest.of("mfn", "validate").runAt(java.time.Instant.now().plusSeconds(600)));
      var samples = new LinkedBlockingQueue<QueueDepthSampled>();
      rpa.events().subscribe(QueueDepthSampled.class, samples::add);
      rpa.start();

      QueueDepthSampled sample = samples.poll(20, TimeUnit.SECONDS);

      assertThat(sample).isNotNull();
      assertThat(sample.depth()).isEqualTo(2);
      assertThat(sample.scheduled()).isEqualTo(1);
      assertThat(sample.running()).isZero();
      assertThat(rpa.supervisor().loop("queue_monitor")).isPresent();
      assertThat(rpa.supervisor().loop("health_monitor")).isPresent();
    }
  }

  /** The next event of {@code type} that {@code rpa} publishes, within 20 s. */
  private static <E extends RpaEvent> E next(Orchestrator rpa, Class<E> type)
      throws InterruptedException {
    var queue = new LinkedBlockingQueue<E>();
    try (var subscription = rpa.events().subscribe(type, queue::add)) {
      E event = queue.poll(20, TimeUnit.SECONDS);
      assertThat(event).as("a %s within 20 s", type.getSimpleName()).isNotNull();
      return event;
    }
  }
}
