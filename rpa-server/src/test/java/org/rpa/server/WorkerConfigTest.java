package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
  @Test
  void max_workers_0_is_accepted_for_an_orchestrator_that_only_queues() {
    WorkerConfig config = WorkerConfig.from(Map.of("MAX_WORKERS", "0"), null);

    assertThat(config.maxConcurrent()).isZero();
  }

  @Test
  void a_worker_service_refuses_max_workers_0_and_says_why() {
    WorkerConfig config = WorkerConfig.from(Map.of("MAX_WORKERS", "0"), null);

    assertThatThrownBy(config::requireCapacity)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MAX_WORKERS must be between 1 and 1024 for a worker, but was 0");
    WorkerConfig.from(Map.of("MAX_WORKERS", "1"), null).requireCapacity();
  }

  @Test
  void stopped_executors_are_kept_a_day_unless_executor_retention_hours_says_otherwise() {
    assertThat(WorkerConfig.from(Map.of(), null).executorRetention())
        .isEqualTo(java.time.Duration.ofHours(24));
    assertThat(WorkerConfig.from(Map.of("EXECUTOR_RETENTION_HOURS", "6"), null).executorRetention())
        .isEqualTo(java.time.Duration.ofHours(6));
    assertThatThrownBy(() -> WorkerConfig.from(Map.of("EXECUTOR_RETENTION_HOURS", "0"), null))
        .hasMessageContaining("EXECUTOR_RETENTION_HOURS must be between 1 and 8760");
  }

  @Test
  void max_workers_beyond_1024_or_negative_is_refused() {
    assertThatThrownBy(() -> WorkerConfig.from(Map.of("MAX_WORKERS", "-1"), null))
        .hasMessageContaining("MAX_WORKERS must be between 0 and 1024");
    assertThatThrownBy(() -> WorkerConfig.from(Map.of("MAX_WORKERS", "1025"), null))
        .hasMessageContaining("MAX_WORKERS must be between 0 and 1024");
  }

  @Test
  void the_worker_listens_on_WORKER_PORT_and_not_on_the_orchestrators_PORT() {
    assertThat(WorkerConfig.from(Map.of("PORT", "9000"), null).port())
        .isEqualTo(WorkerConfig.DEFAULT_PORT);
    assertThat(WorkerConfig.from(Map.of("PORT", "9000", "WORKER_PORT", "9100"), null).port())
        .isEqualTo(9100);
  }
}
