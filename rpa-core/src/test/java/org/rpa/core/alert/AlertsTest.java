package org.rpa.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.rpa.core.StoreException;
import org.rpa.core.event.AlertStateChanged;
import org.rpa.core.health.Thresholds;
import org.rpa.core.testing.MutableClock;

class AlertsTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  /** All well: 99 % success, recent executions, an idle queue, one executor, scheduler up. */
  private static final AlertInputs HEALTHY =
      new AlertInputs(99.0, 12, 3, true, 1.0, 2, 25, 1, true);

  private final MutableClock clock = MutableClock.at(START.toString());
  private final AtomicReference<AlertInputs> inputs = new AtomicReference<>(HEALTHY);
  private final List<AlertStateChanged> events = new ArrayList<>();
  private final AtomicReference<RuntimeException> unreadable = new AtomicReference<>();
  private final Alerts alerts =
      new Alerts(
          AlertSettings.DEFAULTS,
          settings -> {
            if (unreadable.get() != null) {
              throw unreadable.get();
            }
            return inputs.get();
          },
          clock,
          events::add);

  @Test
  void every_rule_starts_resolved_with_no_event() {
    assertThat(alerts.list())
        .extracting(Alert::name, Alert::state, Alert::since)
        .containsExactly(
            tuple("HighFailureRate", AlertState.RESOLVED, START),
            tuple("NoRecentExecutions", AlertState.RESOLVED, START),
            tuple("DatabaseUnhealthy", AlertState.RESOLVED, START),
            tuple("JobFailureRate", AlertState.RESOLVED, START),
            tuple("QueueSize", AlertState.RESOLVED, START),
            tuple("WorkerUtilization", AlertState.RESOLVED, START),
            tuple("NoWorkerOnline", AlertState.RESOLVED, START),
            tuple("SchedulerNotRunning", AlertState.RESOLVED, START));
    assertThat(alert("HighFailureRate").message())
        .isEqualTo("fires when the success rate over the last 1h is below 80%");
    assertThat(events).isEmpty();
  }

  @Test
  void a_success_rate_under_80_percent_fires_until_it_recovers_and_each_change_is_an_event() {
    alerts.evaluate();
    inputs.set(with(72.5, 12, 3));
    clock.advance(Duration.ofSeconds(30));

    alerts.evaluate();
    Instant firedAt = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    alerts.evaluate();

    Alert fired = alert("HighFailureRate");
    assertThat(fired.state()).isEqualTo(AlertState.FIRING);
    assertThat(fired.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(fired.since()).as("still the same firing").isEqualTo(firedAt);
    assertThat(fired.evaluatedAt()).isEqualTo(clock.instant());
    assertThat(fired.message()).isEqualTo("success rate 72.50% over the last 1h is below 80%");
    assertThat(events)
        .extracting(AlertStateChanged::type, AlertStateChanged::alert, AlertStateChanged::at)
        .containsExactly(tuple("alert.firing", "HighFailureRate", firedAt));

    inputs.set(HEALTHY);
    clock.advance(Duration.ofMinutes(1));
    alerts.evaluate();

    assertThat(alert("HighFailureRate").state()).isEqualTo(AlertState.RESOLVED);
    assertThat(alert("HighFailureRate").since()).isEqualTo(clock.instant());
    assertThat(events)
        .extracting(AlertStateChanged::type)
        .containsExactly("alert.firing", "alert.resolved");
  }

  @Test
  void no_recent_execution_fires_only_while_jobs_are_scheduled() {
    inputs.set(with(null, 0, 0));
    assertThat(alerts.evaluate()).filteredOn(Alert::firing).isEmpty();

    inputs.set(with(null, 0, 4));
    alerts.evaluate();

    assertThat(alerts.firing())
        .extracting(Alert::name, Alert::severity, Alert::message)
        .containsExactly(
            tuple(
                "NoRecentExecutions",
                AlertSeverity.CRITICAL,
                "no execution in the last 5m while 4 jobs are scheduled"));
  }

  @Test
  void the_queue_rule_goes_warning_then_critical_and_each_step_is_an_event() {
    alerts.evaluate();
    inputs.set(queue(25));
    alerts.evaluate();
    assertThat(alert("QueueSize").severity()).isEqualTo(AlertSeverity.WARNING);
    inputs.set(queue(60));
    alerts.evaluate();
    assertThat(alert("QueueSize").severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(alert("QueueSize").message()).isEqualTo("queue size 60 is above 50");
    inputs.set(queue(10));
    alerts.evaluate();

    assertThat(events)
        .extracting(AlertStateChanged::type, AlertStateChanged::severity)
        .containsExactly(
            tuple("alert.firing", "WARNING"),
            tuple("alert.firing", "CRITICAL"),
            tuple("alert.resolved", "CRITICAL"));
  }

  @Test
  void the_traffic_lights_red_inputs_fire_critical() {
    inputs.set(new AlertInputs(99.0, 12, 3, true, 12.0, 0, 95, 0, false));

    assertThat(alerts.evaluate())
        .filteredOn(Alert::firing)
        .extracting(Alert::name, Alert::severity)
        .containsExactly(
            tuple("JobFailureRate", AlertSeverity.CRITICAL),
            tuple("WorkerUtilization", AlertSeverity.WARNING),
            tuple("NoWorkerOnline", AlertSeverity.CRITICAL),
            tuple("SchedulerNotRunning", AlertSeverity.CRITICAL));
    assertThat(alert("JobFailureRate").message()).isEqualTo("job failure rate 12.0% is above 10%");
  }

  @Test
  void when_the_store_cannot_be_read_the_database_rule_fires_and_the_others_keep_their_state() {
    inputs.set(queue(60));
    alerts.evaluate();
    Instant lastRead = clock.instant();
    unreadable.set(
        new StoreException("count jobs", new IllegalStateException("connection refused")));
    clock.advance(Duration.ofSeconds(30));

    alerts.evaluate();

    Alert database = alert("DatabaseUnhealthy");
    assertThat(database.state()).isEqualTo(AlertState.FIRING);
    assertThat(database.message()).startsWith("the store does not answer: ");
    Alert queue = alert("QueueSize");
    assertThat(queue.state()).isEqualTo(AlertState.FIRING);
    assertThat(queue.evaluatedAt()).as("not evaluated without inputs").isEqualTo(lastRead);
    assertThat(events)
        .extracting(AlertStateChanged::alert)
        .containsExactly("QueueSize", "DatabaseUnhealthy");
  }

  @Test
  void thresholds_are_configurable() {
    var strict =
        new AlertSettings(
            95, Duration.ofMinutes(30), Duration.ofMinutes(2), new Thresholds(1, 2, 5, 10, 50));
    var custom = new Alerts(strict, settings -> inputs.get(), clock, events::add);
    inputs.set(new AlertInputs(90.0, 0, 3, true, 1.5, 6, 60, 2, true));

    assertThat(custom.evaluate())
        .filteredOn(Alert::firing)
        .extracting(Alert::name, Alert::message)
        .containsExactly(
            tuple("HighFailureRate", "success rate 90% over the last 30m is below 95%"),
            tuple("NoRecentExecutions", "no execution in the last 2m while 3 jobs are scheduled"),
            tuple("JobFailureRate", "job failure rate 1.5% is between 1% and 2%"),
            tuple("QueueSize", "queue size 6 is between 5 and 10"),
            tuple("WorkerUtilization", "worker utilization 60.0% is above 50%"));
    assertThatThrownBy(
            () ->
                new AlertSettings(
                    101, Duration.ofHours(1), Duration.ofMinutes(5), Thresholds.DEFAULTS))
        .hasMessage("minSuccessRatePercent must be in [0, 100], but was 101.0");
  }

  private Alert alert(String name) {
    return alerts.list().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  private static AlertInputs with(Double successRate, long recent, long scheduled) {
    return new AlertInputs(successRate, recent, scheduled, true, 1.0, 2, 25, 1, true);
  }

  private static AlertInputs queue(long size) {
    return new AlertInputs(99.0, 12, 3, true, 1.0, size, 25, 1, true);
  }
}
