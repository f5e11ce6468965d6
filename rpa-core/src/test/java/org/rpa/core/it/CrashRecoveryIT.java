package org.rpa.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Execution;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.testing.JobAssert;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * Invariant 2: an executor killed in the middle of a job leaves a lease that expires; the job is
 * retried by another executor and ends COMPLETED exactly once. Lease expiry is reached by advancing
 * the survivor's clock past the lease, never by sleeping.
 */
@ExtendWith(PostgresExtension.class)
class CrashRecoveryIT {
  private static final Duration PAST_THE_LEASE = Duration.ofSeconds(61);

  @Test
  void a_job_of_an_executor_killed_mid_job_completes_once_elsewhere_on_h2(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("rpa").toAbsolutePath();
    var crashed = crashMidJob(url, dir);

    var clock = MutableClock.at(Instant.now().plus(PAST_THE_LEASE));
    var runs = new AtomicInteger();
    try (var survivor =
        ManualOrchestrator.builder()
            .database(url)
            .clock(clock)
            .handler(
                "demo",
                "crash",
                ctx -> {
                  runs.incrementAndGet();
                  return JobResult.success();
                })
            .build()) {
      assertThat(survivor.runRecovery().recovered()).isEqualTo(1);
      // Whether the child's start was written before the kill decides between an immediate retry
      // (never started) and one after the backoff (started): past the backoff, both run now.
      clock.advance(Duration.ofMinutes(5));
      survivor.tick();
      assertCompletedOnce(
          survivor.jobs().get(crashed.id()),
          survivor.jobs().executions(crashed.id()),
          crashed.executor(),
          survivor.executorId());
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void a_job_of_an_executor_killed_mid_job_completes_once_elsewhere_on_postgresql(
      PgDatabase database, @TempDir Path dir) throws Exception {
    var clock = MutableClock.at(Instant.now());
    var runs = new AtomicInteger();
    try (var survivor =
        Orchestrator.builder()
            .database(database.jdbcUrl())
            .clock(clock)
            .handler(
                "demo",
                "crash",
                ctx -> {
                  runs.incrementAndGet();
                  return JobResult.success();
                })
            .build()) {
      // The survivor runs alongside the child; it cannot take the job while the child holds it.
      var crashed = crashMidJob(database.jdbcUrl(), dir);
      survivor.start();
      assertThat(survivor.recover().recovered()).isZero();

      clock.set(Instant.now().plus(PAST_THE_LEASE));
      assertThat(survivor.recover().recovered()).isEqualTo(1);
      clock.advance(Duration.ofMinutes(5)); // past the retry backoff

      var job = survivor.jobs().await(crashed.id(), Duration.ofSeconds(30));
      assertCompletedOnce(
          job, survivor.jobs().executions(crashed.id()), crashed.executor(), survivor.executorId());
    }
    assertThat(runs).hasValue(1);
  }

  private record Crashed(JobId id, String executor) {}

  private static Crashed crashMidJob(String url, Path dir) throws Exception {
    try (var child = ChildJvm.start(CrashingExecutorMain.class, dir.resolve("child.log"), url)) {
      String executor = child.nextLine(60).substring("executor ".length());
      String[] started = child.nextLine(60).split(" ");
      assertThat(started[0]).isEqualTo("started");
      child.kill9();
      return new Crashed(JobId.parse(started[1]), executor);
    }
  }

  /**
   * The job ran twice: once on the dead executor (whose start may or may not have been written
   * before the kill) and once on the survivor, which completed it. Exactly one execution succeeded.
   */
  private static void assertCompletedOnce(
      org.rpa.core.job.Job job, List<Execution> executions, String dead, String survivor) {
    JobAssert.assertThat(job).hasStatus(JobStatus.COMPLETED).hasAttempts(2);
    var succeeded = executions.stream().filter(e -> e.status() == ExecutionStatus.SUCCESS).toList();
    assertThat(succeeded)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.executor()).isEqualTo(survivor);
              assertThat(e.attempt()).isEqualTo(2);
            });
    executions.stream()
        .filter(e -> e.executor().equals(dead))
        .forEach(
            e -> {
              assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
              assertThat(e.error().type()).isEqualTo("LeaseExpired");
            });
    System.out.printf(
        "crash recovery: job %s %s after %d attempts; executions %s%n",
        job.id(),
        job.status(),
        job.attempts(),
        executions.stream().map(e -> e.attempt() + ":" + e.status() + "@" + e.executor()).toList());
  }
}
