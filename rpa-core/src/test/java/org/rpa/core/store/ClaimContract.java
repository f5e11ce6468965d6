package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;

/** The contract of claims, promotions and leases. */
interface ClaimContract extends JobStoreFixture {
  @Test
  default void a_claim_takes_the_highest_priority_then_the_oldest_and_leases_them() {
    JobId low = insert(JobRequest.of("mfn", "validation").priority(-1));
    JobId first = insert(JobRequest.of("mfn", "validation"));
    JobId urgent = insert(JobRequest.of("osn", "cancellation").priority(5));
    JobId second = insert(JobRequest.of("mfn", "validation"));
    insert(JobRequest.of("evotel", "validation"));

    var claim = store().claim("exec-1", TYPES, 3, NOW);

    assertThat(claim.jobs()).extracting(ClaimedJob::id).containsExactly(urgent, first, second);
    assertThat(claim.transitions())
        .extracting(t -> t.to().status())
        .containsOnly(JobStatus.CLAIMED);
    assertThat(store().find(first).orElseThrow().leaseOwner()).isEqualTo("exec-1");
    assertThat(store().find(low).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  default void concurrent_claims_never_take_the_same_job() throws Exception {
    var requests = new ArrayList<NewJob>();
    for (int i = 0; i < 400; i++) {
      requests.add(queued(JobRequest.of("mfn", "validation")));
    }
    store().insert(requests, NOW);
    int claimers = 4;
    var barrier = new CyclicBarrier(claimers);
    var pool = Executors.newFixedThreadPool(claimers);
    try {
      var tasks = new ArrayList<Callable<List<JobId>>>();
      for (int c = 0; c < claimers; c++) {
        String owner = "exec-" + c;
        tasks.add(
            () -> {
              barrier.await();
              var mine = new ArrayList<JobId>();
              List<ClaimedJob> batch;
              do {
                batch = store().claim(owner, TYPES, 25, NOW).jobs();
                batch.forEach(job -> mine.add(job.id()));
              } while (!batch.isEmpty());
              return mine;
            });
      }
      var all = new ArrayList<JobId>();
      for (var future : pool.invokeAll(tasks)) {
        all.addAll(future.get());
      }
      assertThat(all).hasSize(400).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void promotion_moves_due_jobs_oldest_first_in_batches_among_many_scheduled() {
    var jobs = new ArrayList<NewJob>();
    for (int i = 0; i < 3_000; i++) {
      // Every third job is due; the others wait for later.
      Instant runAt = i % 3 == 0 ? NOW.minusSeconds(3_000 - i) : NOW.plusSeconds(60 + i);
      jobs.add(
          new NewJob(
              JobRequest.of("mfn", "validation"),
              JobStatus.SCHEDULED,
              runAt,
              3,
              Duration.ofMinutes(5)));
    }
    store().insert(jobs, NOW.minusSeconds(4_000));

    var first = store().promoteDue(NOW, 600);
    var second = store().promoteDue(NOW, 600);

    assertThat(first).hasSize(600);
    assertThat(second).hasSize(400);
    assertThat(first.get(0).job().id()).isLessThan(first.get(599).job().id());
    assertThat(first.get(599).job().id()).isLessThan(second.get(0).job().id());
    assertThat(store().promoteDue(NOW, 600)).isEmpty();
    assertThat(store().countByStatus())
        .containsEntry(JobStatus.QUEUED, 1_000L)
        .containsEntry(JobStatus.SCHEDULED, 2_000L);
    assertThat(store().nextRunAt()).contains(NOW.plusSeconds(61));
  }

  @Test
  default void jobs_of_an_executor_whose_lease_expired_are_orphans() {
    store().registerExecutor(executor("alive", NOW.plusSeconds(60)));
    store().registerExecutor(executor("dead", NOW.minusSeconds(1)));
    insert(JobRequest.of("mfn", "validation"));
    insert(JobRequest.of("mfn", "validation"));
    var mine = store().claim("alive", TYPES, 1, NOW).jobs().get(0);
    var theirs = store().claim("dead", TYPES, 1, NOW).jobs().get(0);

    assertThat(store().findOrphaned(NOW, 10))
        .extracting(LeasedJob::id)
        .containsExactly(theirs.id());
    assertThat(store().heartbeat("dead", 0, null, NOW, NOW.plusSeconds(60))).isTrue();
    assertThat(store().findOrphaned(NOW, 10)).isEmpty();
    store().stopExecutor("alive", NOW);
    assertThat(store().findOrphaned(NOW, 10)).extracting(LeasedJob::id).containsExactly(mine.id());
    assertThat(store().lostAmong("dead", List.of(theirs.id(), mine.id())))
        .containsExactly(mine.id());
  }
}
