package org.rpa.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.AlertStateChanged;
import org.rpa.core.health.Thresholds;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.supervise.LoopStatus;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/** The rules read the orchestrator's own store, fleet and scheduler, and publish on its bus. */
class OrchestratorAlertsTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
  private final List<AlertStateChanged> events = new ArrayList<>();
  private ManualOrchestrator rpa;

  @AfterEach
  void close() {
    if (rpa != null) {
      rpa.close();
    }
  }

  private ManualOrchestrator.Builder builder() {
    return ManualOrchestrator.builder()
        .database(H2.memory())
        .clock(clock)
        .handler("demo", "ok", ctx -> JobResult.success())
        .handler("demo", "refused", ctx -> JobResult.businessFailure("Refused", "no"));
  }

  private void run(String action, int count) {
    for (int i = 0; i < count; i++) {
      rpa.jobs().submit(JobRequest.of("demo", action).maxAttempts(1));
    }
    rpa.tick();
  }

  @Test
  void failures_in_the_store_fire_the_failure_rules_and_publish_on_the_event_bus() {
    rpa = builder().build();
    rpa.events().subscribe(AlertStateChanged.class, events::add);
    run("ok", 1);
    run("refused", 4);
    clock.advance(Duration.ofSeconds(1));

    rpa.alerts().evaluate();

    assertThat(rpa.alerts().firing())
        .extracting(Alert::name, Alert::severity, Alert::message)
        .containsExactly(
            tuple(
                "HighFailureRate",
                AlertSeverity.WARNING,
                "success rate 20% over the last 1h is below 80%"),
            tuple("JobFailureRate", AlertSeverity.CRITICAL, "job failure rate 80.0% is above 10%"));
    assertThat(events)
        .extracting(AlertStateChanged::type, AlertStateChanged::alert)
        .containsExactly(
            tuple("alert.firing", "HighFailureRate"), tuple("alert.firing", "JobFailureRate"));
  }

  @Test
  void an_hour_later_the_window_is_empty_and_a_scheduled_job_with_nothing_running_fires_quiet() {
    rpa = builder().build();
    run("refused", 2);
    rpa.alerts().evaluate();
    clock.advance(Duration.ofHours(2));
    rpa.jobs().submit(JobRequest.of("demo", "ok").runAt(clock.instant().plusSeconds(3600)));
    rpa.tick(); // renews this executor's lease; the job is not due

    rpa.alerts().evaluate();

    assertThat(rpa.alerts().firing())
        .extracting(Alert::name, Alert::message)
        .containsExactly(
            tuple("NoRecentExecutions", "no execution in the last 5m while 1 jobs are scheduled"),
            tuple("JobFailureRate", "job failure rate 100.0% is above 10%"));
  }

  @Test
  void the_builder_takes_the_thresholds() {
    rpa =
        builder()
            .alerts(
                new AlertSettings(
                    50,
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(1),
                    new Thresholds(50, 90, 20, 50, 80)))
            .build();
    run("ok", 2);
    run("refused", 1);
    clock.advance(Duration.ofSeconds(1));

    assertThat(rpa.alerts().evaluate()).filteredOn(Alert::firing).isEmpty();
    assertThat(rpa.alerts().settings().minSuccessRatePercent()).isEqualTo(50);
  }

  @Test
  void the_threaded_orchestrator_evaluates_them_in_a_supervised_loop() {
    try (var threaded =
        Orchestrator.builder()
            .database(H2.memory())
            .handler("demo", "ok", ctx -> JobResult.success())
            .build()
            .start()) {
      assertThat(threaded.supervisor().loop("alert_evaluator"))
          .get()
          .extracting(LoopStatus::status)
          .isEqualTo(LoopStatus.Status.RUNNING);
      assertThat(threaded.alerts().list()).extracting(Alert::name).contains("HighFailureRate");
    }
  }
}
