package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.OrchestratorSettings;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.job.JobResult;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.metrics.ResourceSampler;
import org.rpa.core.store.ExecutorRecord;

/**
 * The fleet as an orchestrator keeps it, on a clock that moves only when told: this executor's own
 * resource sample at each heartbeat (from an injected sampler with fixed figures), its state by
 * capacity, and the pruning of executors that stopped, after the retention.
 */
class FleetLifecycleTest {
  private static final long MIB = 1024 * 1024;

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final AtomicReference<ResourceSampler.Usage> usage =
      new AtomicReference<>(new ResourceSampler.Usage(Duration.ofSeconds(2), 500 * MIB, 3));
  private ManualOrchestrator rpa;

  @AfterEach
  void close() {
    rpa.close();
  }

  private ManualOrchestrator.Builder builder() {
    return ManualOrchestrator.builder()
        .database(H2.memory())
        .clock(clock)
        .concurrency(4)
        .leaseLength(Duration.ofSeconds(60))
        .resourceSampler(usage::get);
  }

  private Fleet.Member self() {
    return rpa.fleet().executors().stream()
        .filter(member -> member.id().equals(rpa.executorId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void each_heartbeat_records_this_processes_memory_and_its_cpu_share_since_the_last_one() {
    rpa = builder().handler("demo", "echo", ctx -> JobResult.success(ctx.params())).build();
    var beats = new CopyOnWriteArrayList<ExecutorHeartbeat>();
    rpa.events().subscribe(ExecutorHeartbeat.class, beats::add);

    assertThat(self().state()).isEqualTo(Fleet.State.IDLE);
    assertThat(self().capacity()).isEqualTo(4);
    assertThat(self().resources()).isEqualTo(new ResourceSample(0.0, 500 * MIB, 3));

    usage.set(new ResourceSampler.Usage(Duration.ofSeconds(7), 600 * MIB, 4));
    clock.advance(Duration.ofSeconds(10));
    rpa.heartbeat();

    assertThat(self().resources()).isEqualTo(new ResourceSample(50.0, 600 * MIB, 4));
    assertThat(self().heartbeatAt()).isEqualTo(clock.instant());
    assertThat(beats)
        .singleElement()
        .satisfies(
            beat -> {
              assertThat(beat.status()).isEqualTo("idle");
              assertThat(beat.cpuPercent()).isEqualTo(50.0);
              assertThat(beat.memoryMb()).isEqualTo(600.0);
            });
  }

  @Test
  void an_orchestrator_that_runs_no_job_type_is_offline_with_capacity_0_while_its_lease_lives() {
    rpa = builder().jobType("mfn", "validation").build();
    var beats = new CopyOnWriteArrayList<ExecutorHeartbeat>();
    rpa.events().subscribe(ExecutorHeartbeat.class, beats::add);
    rpa.heartbeat();

    assertThat(self().leaseUntil()).isAfter(clock.instant());
    assertThat(self().capacity()).isZero();
    assertThat(self().state()).isEqualTo(Fleet.State.OFFLINE);
    assertThat(beats).extracting(ExecutorHeartbeat::status).containsExactly("offline");
  }

  @Test
  void executors_that_stopped_or_died_are_pruned_by_recover_stale_jobs_after_the_retention() {
    rpa =
        builder()
            .handler("demo", "echo", ctx -> JobResult.success(ctx.params()))
            .executorRetention(Duration.ofHours(6))
            .build();
    Instant now = clock.instant();
    rpa.store().registerExecutor(other("stopped", now));
    rpa.store().stopExecutor("stopped", now);
    rpa.store().registerExecutor(other("died", now));

    clock.advance(Duration.ofHours(6));
    rpa.tick();
    assertThat(rpa.fleet().executors())
        .extracting(member -> member.id().equals(rpa.executorId()) ? "self" : member.id())
        .containsExactlyInAnyOrder("self", "stopped", "died");
    assertThat(rpa.fleet().executors())
        .filteredOn(member -> !member.id().equals(rpa.executorId()))
        .extracting(Fleet.Member::state)
        .containsOnly(Fleet.State.OFFLINE);

    clock.advance(Duration.ofMinutes(10));
    rpa.tick();
    assertThat(rpa.fleet().executors())
        .extracting(Fleet.Member::id)
        .containsExactly(rpa.executorId());
  }

  @Test
  void the_executor_retention_is_one_day_unless_set_and_must_be_positive() {
    assertThat(OrchestratorSettings.DEFAULT_EXECUTOR_RETENTION).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> ManualOrchestrator.builder().executorRetention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("executorRetention must be positive, but was PT0S");
    rpa = builder().handler("demo", "echo", ctx -> JobResult.success(ctx.params())).build();
  }

  private static ExecutorRecord other(String id, Instant now) {
    return new ExecutorRecord(
        id, "elsewhere", "remote", null, 2, 0, now, now, now.plusSeconds(60), null, null);
  }
}
