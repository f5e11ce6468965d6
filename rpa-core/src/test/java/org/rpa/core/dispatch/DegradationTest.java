package org.rpa.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.dispatch.Degradation.Mode;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.health.ServiceStatus;

/** The mode rule, each mode with the condition that makes it and what stays available. */
class DegradationTest {
  private static final Wakeups PUSHED =
      new Wakeups(
          Wakeups.Mechanism.IN_PROCESS,
          Wakeups.State.SIGNAL,
          true,
          null,
          null,
          Duration.ofSeconds(1),
          null,
          null);
  private static final Wakeups POLLING =
      new Wakeups(
          Wakeups.Mechanism.LISTEN_NOTIFY,
          Wakeups.State.RECONNECTING,
          false,
          "the LISTEN connection is lost",
          "rpa_jobs",
          Duration.ofSeconds(1),
          null,
          "PSQLException: terminated");

  @Test
  void every_executor_up_and_every_service_healthy_is_normal_with_every_feature() {
    var browser = service("browser", HealthStatus.HEALTHY, null, "browser_automation");
    Degradation normal =
        Degradation.assess(1, 2, 2, PUSHED, List.of(browser), List.of(), 3, Map.of());

    assertThat(normal.mode()).isEqualTo(Mode.NORMAL);
    assertThat(normal.isDegraded()).isFalse();
    assertThat(normal.reasons()).isEmpty();
    assertThat(normal.memoryQueueSize()).isEqualTo(3);
    assertThat(normal.availableFeatures())
        .containsExactly(
            "job_intake",
            "push_wakeups",
            "in_process_execution",
            "remote_execution",
            "browser_automation");
  }

  @Test
  void a_remote_worker_offline_is_degraded_while_the_others_run_its_work() {
    Degradation degraded =
        Degradation.assess(0, 1, 2, PUSHED, List.of(), List.of("worker-2"), 0, Map.of());

    assertThat(degraded.mode()).isEqualTo(Mode.DEGRADED);
    assertThat(degraded.reasons())
        .containsExactly(
            "1 of 2 remote workers online: the others take their work",
            "circuit breaker worker-2 open");
    assertThat(degraded.availableFeatures())
        .containsExactly("job_intake", "push_wakeups", "remote_execution");
  }

  @Test
  void an_unhealthy_service_an_open_breaker_or_polling_alone_is_degraded() {
    var portal = service("portal-mfn", HealthStatus.UNHEALTHY, "ConnectException", "portal_mfn");
    assertThat(
            Degradation.assess(1, 0, 0, PUSHED, List.of(portal), List.of(), 0, Map.of()).reasons())
        .containsExactly("portal-mfn unhealthy: ConnectException");
    assertThat(
            Degradation.assess(1, 0, 0, PUSHED, List.of(), List.of("callback"), 0, Map.of()).mode())
        .isEqualTo(Mode.DEGRADED);
    Degradation polling = Degradation.assess(1, 0, 0, POLLING, List.of(), List.of(), 0, Map.of());
    assertThat(polling.mode()).isEqualTo(Mode.DEGRADED);
    assertThat(polling.reasons())
        .containsExactly(
            "submits are picked up by polling every 1000 ms: the LISTEN connection is lost");
    assertThat(polling.availableFeatures()).doesNotContain("push_wakeups");
  }

  @Test
  void every_remote_worker_offline_with_in_process_executors_left_is_minimal() {
    var browser =
        service("browser", HealthStatus.UNHEALTHY, "not executable", "browser_automation");
    Degradation minimal =
        Degradation.assess(
            1, 0, 2, PUSHED, List.of(browser), List.of(), 0, Map.of("demo.echo", 4L));

    assertThat(minimal.mode()).as("worse than a service down").isEqualTo(Mode.MINIMAL);
    assertThat(minimal.reasons())
        .containsExactly(
            "No remote worker online (0 of 2): only in-process execution",
            "browser unhealthy: not executable");
    assertThat(minimal.waitingByType()).containsExactly(Map.entry("demo.echo", 4L));
    assertThat(minimal.availableFeatures())
        .containsExactly("job_intake", "push_wakeups", "in_process_execution");
  }

  @Test
  void no_executor_at_all_is_offline_with_only_the_intake_left() {
    Degradation offline =
        Degradation.assess(0, 0, 1, POLLING, List.of(), List.of(), 0, Map.of("demo.echo", 2L));

    assertThat(offline.mode()).isEqualTo(Mode.OFFLINE);
    assertThat(offline.mode().label()).isEqualTo("offline");
    assertThat(offline.reasons().get(0))
        .isEqualTo("No executor can run jobs: they stay QUEUED until one returns");
    assertThat(offline.availableFeatures()).containsExactly("job_intake");
    assertThat(Degradation.assess(0, 0, 0, PUSHED, List.of(), List.of(), 0, Map.of()).mode())
        .as("no executor configured at all")
        .isEqualTo(Mode.OFFLINE);
  }

  @Test
  void a_service_not_probed_yet_changes_nothing_and_lends_no_feature() {
    var unprobed = service("grid", null, null, "browser_automation");
    Degradation normal =
        Degradation.assess(1, 0, 0, PUSHED, List.of(unprobed), List.of(), 0, Map.of());

    assertThat(normal.mode()).isEqualTo(Mode.NORMAL);
    assertThat(normal.availableFeatures()).doesNotContain("browser_automation");
  }

  private static ServiceStatus service(
      String name, HealthStatus status, String error, String feature) {
    return new ServiceStatus(
        name,
        name,
        null,
        null,
        false,
        feature,
        status,
        error,
        status == null ? null : Duration.ofMillis(3),
        status == null ? null : Instant.parse("2026-01-01T00:00:00Z"),
        status == HealthStatus.UNHEALTHY ? 1 : 0,
        null);
  }
}
