package org.rpa.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.BreakerStateChanged;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.H2;

class OrchestratorHealthTest {

  private static Orchestrator started() {
    return Orchestrator.builder()
        .database(H2.memory())
        .handler("demo", "echo", ctx -> JobResult.success())
        .build()
        .start();
  }

  @Test
  void a_started_orchestrator_is_healthy_with_every_component_named() {
    try (var rpa = started()) {
      var report = rpa.health().report();

      assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(report.ready()).isTrue();
      assertThat(report.components())
          .extracting(ComponentHealth::name)
          .containsExactlyInAnyOrder(
              "database", "executors", "scheduler", "circuit_breakers", "dispatcher");
      assertThat(report.component("database").orElseThrow().details())
          .containsKey("latency_ms")
          .containsEntry("state", "connected");
    }
  }

  @Test
  void an_open_breaker_degrades_but_does_not_unready() {
    try (var rpa = started()) {
      var events = new ArrayList<String>();
      rpa.events().subscribe(BreakerStateChanged.class, e -> events.add(e.to()));
      rpa.breakers().breaker("portal.mfn").transitionToOpenState();

      var report = rpa.health().report();

      assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(report.ready()).isTrue();
      assertThat(events).containsExactly("open");
    }
  }

  @Test
  void a_stopped_dispatcher_makes_the_orchestrator_unhealthy_and_not_ready() {
    try (var rpa = started()) {
      rpa.supervisor().stopLoop("dispatcher");

      var report = rpa.health().report();

      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.ready()).isFalse();
      assertThat(report.component("dispatcher").orElseThrow().message()).contains("dispatcher");

      rpa.supervisor().startLoop("dispatcher");
      assertThat(rpa.health().report().status()).isEqualTo(HealthStatus.HEALTHY);
    }
  }

  @Test
  void an_orchestrator_that_only_queues_jobs_is_degraded_but_ready_with_no_executor_online() {
    try (var rpa =
        Orchestrator.builder().database(H2.memory()).jobType("mfn", "validation").build()) {
      rpa.start();
      var report = rpa.health().report();

      var executors = report.component("executors").orElseThrow();
      assertThat(executors.status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(executors.message()).isEqualTo("No executor can run jobs: they stay queued");
      assertThat(executors.details()).containsEntry("online", 0L);
      assertThat(report.ready()).isTrue();
    }
  }

  @Test
  void before_start_no_executor_is_online_and_the_loops_do_not_run() {
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .handler("demo", "echo", ctx -> JobResult.success())
            .build()) {
      var report = rpa.health().report();
      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.component("executors").orElseThrow().status())
          .isEqualTo(HealthStatus.UNHEALTHY);
    }
  }
}
