package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rpa.core.job.JobStatus.COMPLETED;
import static org.rpa.core.job.JobStatus.FAILED;
import static org.rpa.core.job.JobStatus.QUEUED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.Transition;

/**
 * An executor that dies holding jobs: its lease expires by the clock, and the sweeper returns its
 * jobs while attempts remain. The dead executor is simulated by claiming in its name and never
 * renewing its lease.
 */
class LeaseRecoveryTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private ManualOrchestrator rpa;

  @AfterEach
  void close() {
    rpa.close();
  }

  private void build(int maxAttempts) {
    rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .leaseLength(Duration.ofSeconds(60))
            .handler("demo", "echo", ctx -> JobResult.success(java.util.Map.of("by", "survivor")))
            .retryPolicy(
                org.rpa.core.recovery.RetryPolicy.ofDefaults()
                    .withMaxAttempts(maxAttempts)
                    .withBackoff(Duration.ZERO, 1.0, Duration.ZERO))
            .build();
  }

  private void dieWhileHolding(JobId id, boolean started) {
    JobStore store = rpa.store();
    Instant now = clock.instant();
    store.registerExecutor(
        new ExecutorRecord(
            "doomed", "elsewhere", "local", null, 1, 1, now, now, now.plusSeconds(60), null, null));
    var claimed = store.claim("doomed", Set.of("demo.echo"), 1, now).jobs();
    assertThat(claimed).extracting(c -> c.id()).containsExactly(id);
    if (started) {
      store.apply(List.of(Transition.start(claimed.get(0), now)));
    }
  }

  @Test
  void a_running_job_of_a_dead_executor_is_retried_elsewhere_after_its_lease_expires() {
    build(3);
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    dieWhileHolding(id, true);

    clock.advance(Duration.ofSeconds(59));
    assertThat(rpa.runRecovery().recovered()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rpa.runRecovery().recovered()).isEqualTo(1);
    assertThat(rpa.jobs().get(id).status()).isEqualTo(QUEUED);

    rpa.tick();
    var job = rpa.jobs().get(id);
    JobAssert.assertThat(job).hasStatus(COMPLETED).hasAttempts(2);
    assertThat(rpa.jobs().executions(id))
        .extracting(e -> e.status() + "@" + e.executor())
        .containsExactly("FAILED@doomed", "SUCCESS@" + rpa.executorId());
    assertThat(rpa.jobs().executions(id).get(0).error().type()).isEqualTo("LeaseExpired");
  }

  @Test
  void a_claimed_job_of_a_dead_executor_goes_back_and_its_claim_counts_as_an_attempt() {
    build(2);
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    dieWhileHolding(id, false);

    clock.advance(Duration.ofSeconds(61));
    rpa.tick();

    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(COMPLETED).hasAttempts(2);
  }

  @Test
  void a_claimed_job_of_a_dead_executor_without_attempts_left_fails() {
    build(1);
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    dieWhileHolding(id, false);

    clock.advance(Duration.ofSeconds(61));
    rpa.tick();

    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(FAILED).hasErrorType("LeaseExpired");
  }

  @Test
  void a_lost_job_without_attempts_left_fails() {
    build(1);
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    dieWhileHolding(id, true);

    clock.advance(Duration.ofSeconds(61));
    rpa.tick();

    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(FAILED).hasErrorType("LeaseExpired");
  }

  @Test
  void the_live_executor_keeps_its_jobs_while_it_heartbeats() {
    build(3);
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    rpa.store().claim(rpa.executorId(), Set.of("demo.echo"), 1, clock.instant());
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(30));
      rpa.heartbeat();
      assertThat(rpa.runRecovery().recovered()).isZero();
    }
    assertThat(rpa.jobs().get(id).status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(rpa.jobs().get(id).leaseOwner()).isEqualTo(rpa.executorId());
  }
}
