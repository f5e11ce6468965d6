package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.store.ExecutorRecord;

/**
 * A remote worker's lease is renewed by the orchestrators that probe it. When the only orchestrator
 * was down (killed and started again), the lease of a worker that ran on lapsed with nobody to
 * renew it: the restarted orchestrator's first sweeps leave its jobs alone for one lease, in which
 * its heartbeat renews the lease; a worker that is really gone loses its jobs one lease later.
 */
class RemoteLeaseLapseTest {
  private static final Duration LEASE = Duration.ofSeconds(60);

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final ManualOrchestrator rpa =
      ManualOrchestrator.builder()
          .database(H2.memory())
          .clock(clock)
          .leaseLength(LEASE)
          .handler("demo", "echo", ctx -> JobResult.success(Map.of()))
          .build();

  @AfterEach
  void close() {
    rpa.close();
  }

  @Test
  void a_live_worker_whose_lease_lapsed_while_no_orchestrator_ran_keeps_its_job() {
    JobId id = jobOf(ExecutorRecord.REMOTE);
    clock.advance(LEASE.plusSeconds(30)); // the orchestrator was down; nobody renewed

    assertThat(rpa.runRecovery().recovered())
        .as("the restarted orchestrator's first sweep")
        .isZero();
    Instant now = clock.instant();
    rpa.store().heartbeat("worker-a", 1, null, now, now.plus(LEASE)); // its first probe
    clock.advance(LEASE.plusSeconds(1));
    rpa.store().heartbeat("worker-a", 1, null, clock.instant(), clock.instant().plus(LEASE));
    assertThat(rpa.runRecovery().recovered()).isZero();

    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(rpa.jobs().get(id).leaseOwner()).isEqualTo("worker-a");
  }

  @Test
  void a_worker_gone_for_good_loses_its_job_one_lease_after_the_first_sweep() {
    JobId id = jobOf(ExecutorRecord.REMOTE);
    clock.advance(LEASE.plusSeconds(30));

    assertThat(rpa.runRecovery().recovered()).isZero();
    clock.advance(LEASE.minusSeconds(1));
    assertThat(rpa.runRecovery().recovered()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rpa.runRecovery().recovered()).isEqualTo(1);

    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void an_in_process_executor_whose_lease_lapsed_before_the_first_sweep_loses_its_job_at_once() {
    JobId id = jobOf(ExecutorRecord.LOCAL);
    clock.advance(LEASE.plusSeconds(30)); // its orchestrator died: nobody else renews its lease

    assertThat(rpa.runRecovery().recovered()).isEqualTo(1);
    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.QUEUED);
  }

  /** A job claimed by executor {@code worker-a} of {@code kind}, its lease renewed now. */
  private JobId jobOf(String kind) {
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    Instant now = clock.instant();
    rpa.store()
        .registerExecutor(
            new ExecutorRecord(
                "worker-a", "elsewhere", kind, null, 1, 1, now, now, now.plus(LEASE), null, null));
    rpa.store().claim("worker-a", Set.of("demo.echo"), 1, now);
    return id;
  }
}
