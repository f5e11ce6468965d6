package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Submission;

/** The contract of inserts: what a submit stores, hands off and deduplicates. */
interface SubmitContract extends JobStoreFixture {
  @Test
  default void each_submission_of_a_large_batch_names_the_job_made_from_its_own_request() {
    var jobs = new ArrayList<NewJob>();
    for (int i = 0; i < 2 * Inserts.ROWS_PER_INSERT + 37; i++) {
      var request = JobRequest.of("mfn", "validation").param("i", i);
      jobs.add(queued(i % 3 == 0 ? request.reference("ref-" + i) : request));
    }
    jobs.add(queued(JobRequest.of("mfn", "validation").param("i", 3).reference("ref-3")));

    var submissions = store().insert(jobs, NOW);

    assertThat(submissions).hasSize(jobs.size());
    for (int i = 0; i < jobs.size() - 1; i++) {
      assertThat(submissions.get(i).created()).isTrue();
      assertThat(store().find(submissions.get(i).id()).orElseThrow().params())
          .containsEntry("i", i);
    }
    var repeat = submissions.get(jobs.size() - 1);
    assertThat(repeat.created()).isFalse();
    assertThat(repeat.id()).isEqualTo(submissions.get(3).id());
  }

  @Test
  default void a_job_reads_back_as_it_was_submitted() {
    Instant deadline = NOW.plusSeconds(3600);
    JobId id =
        insert(
            JobRequest.of("mfn", "validation")
                .param("circuit_number", "ABC123")
                .param("nested", Map.of("a", List.of(1, 2)))
                .priority(7)
                .deadline(deadline)
                .reference("REF-1")
                .idempotencyKey("key-1"));

    Job job = store().find(id).orElseThrow();
    assertThat(job.provider()).isEqualTo("mfn");
    assertThat(job.action()).isEqualTo("validation");
    assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job.priority()).isEqualTo(7);
    assertThat(job.params())
        .containsEntry("circuit_number", "ABC123")
        .containsEntry("nested", Map.of("a", List.of(1, 2)));
    assertThat(job.runAt()).isEqualTo(NOW);
    assertThat(job.createdAt()).isEqualTo(NOW);
    assertThat(job.deadline()).isEqualTo(deadline);
    assertThat(job.maxAttempts()).isEqualTo(3);
    assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(job.reference()).isEqualTo("REF-1");
    assertThat(job.idempotencyKey()).isEqualTo("key-1");
    assertThat(job.attempts()).isZero();
    assertThat(job.occurrence()).isEqualTo(1);
    assertThat(store().find(JobId.of(id.value() + 1000))).isEmpty();
  }

  /** A lone job without keys takes one statement ({@link SingleInsert}). */
  @Test
  default void a_job_submitted_alone_is_stored_and_logged_as_in_a_batch() {
    var scheduled =
        new NewJob(
            JobRequest.of("mfn", "validation").param("i", 1),
            JobStatus.SCHEDULED,
            NOW.plusSeconds(60),
            3,
            Duration.ofMinutes(5));
    var queued = queued(JobRequest.of("mfn", "validation").param("i", 2));
    var padding = queued(JobRequest.of("evotel", "validation"));
    for (NewJob job : List.of(scheduled, queued)) {
      for (int limit : List.of(0, 1)) {
        var alone = store().insertAndClaim(List.of(job), NOW, "exec-1", TYPES, limit);
        var inBatch = store().insertAndClaim(List.of(job, padding), NOW, "exec-1", TYPES, limit);

        JobId aloneId = alone.submissions().get(0).id();
        JobId batchId = inBatch.submissions().get(0).id();
        assertThat(alone.submissions().get(0).created()).isTrue();
        int handedOff = job == queued ? limit : 0;
        assertThat(logRowsOf(aloneId)).isEqualTo(logRowsOf(batchId)).hasSize(handedOff);
        assertThat(store().find(aloneId).orElseThrow())
            .usingRecursiveComparison()
            .ignoringFields("id")
            .isEqualTo(store().find(batchId).orElseThrow());
        assertThat(alone.claim().jobs())
            .usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
            .isEqualTo(inBatch.claim().jobs())
            .hasSize(handedOff);
        assertThat(alone.claim().transitions())
            .usingRecursiveFieldByFieldElementComparatorIgnoringFields("job.id")
            .isEqualTo(inBatch.claim().transitions());
      }
    }
  }

  /** On PostgreSQL a batch of {@link Inserts#ROWS_PER_INSERT} jobs or more is copied. */
  @Test
  default void a_job_in_a_large_batch_is_stored_as_one_submitted_alone() {
    var request =
        JobRequest.of("mfn", "validation")
            .param("text", "back\\slash\ttab\nline\rreturn \"quoted\" 'single' é ✓ \\N")
            .param("nested", Map.of("a", List.of(1, 2.5, true)))
            .priority(4)
            .deadline(NOW.plusSeconds(3600))
            .recurrence("0 0 * * *");
    var keyed = request.reference("REF\t1\\").idempotencyKey("key\n1");
    var batch = new ArrayList<NewJob>();
    batch.add(scheduled(keyed));
    batch.add(queued(JobRequest.of("mfn", "validation")));
    for (int i = 0; i < Inserts.ROWS_PER_INSERT; i++) {
      batch.add(queued(JobRequest.of("osn", "cancellation").param("i", i)));
    }

    var inBatch = store().insertAndClaim(batch, NOW, "exec-1", TYPES, 1);
    JobId aloneId = store().insert(List.of(scheduled(request)), NOW).get(0).id();

    Job stored = store().find(inBatch.submissions().get(0).id()).orElseThrow();
    assertThat(stored)
        .usingRecursiveComparison()
        .ignoringFields("id", "reference", "idempotencyKey")
        .isEqualTo(store().find(aloneId).orElseThrow());
    assertThat(stored.params()).isEqualTo(request.params());
    assertThat(stored.reference()).isEqualTo("REF\t1\\");
    assertThat(stored.idempotencyKey()).isEqualTo("key\n1");
    assertThat(store().insert(List.of(scheduled(keyed)), NOW).get(0))
        .isEqualTo(new Submission(stored.id(), false));
    JobId handed = inBatch.submissions().get(1).id();
    assertThat(inBatch.claim().jobs()).extracting(ClaimedJob::id).containsExactly(handed);
    assertThat(store().find(handed).orElseThrow().status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(logOf(handed)).containsExactly("QUEUED>CLAIMED");
  }

  private static NewJob scheduled(JobRequest request) {
    return new NewJob(
        request, JobStatus.SCHEDULED, NOW.plusSeconds(60).plusNanos(789), 5, Duration.ofSeconds(7));
  }

  @Test
  default void a_submit_hands_fresh_jobs_to_the_owner_up_to_its_limit_and_queues_the_rest() {
    var jobs =
        List.of(
            queued(JobRequest.of("mfn", "validation")),
            queued(JobRequest.of("evotel", "validation")),
            queued(JobRequest.of("osn", "cancellation")),
            queued(JobRequest.of("mfn", "validation")));

    var inserted = store().insertAndClaim(jobs, NOW, "exec-1", TYPES, 2);

    var ids = inserted.submissions().stream().map(s -> s.id()).toList();
    assertThat(inserted.claim().jobs())
        .extracting(ClaimedJob::id)
        .containsExactly(ids.get(0), ids.get(2));
    assertThat(inserted.claim().jobs()).allSatisfy(job -> assertThat(job.attempt()).isEqualTo(1));
    Job handed = store().find(ids.get(0)).orElseThrow();
    assertThat(handed.status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(handed.attempts()).isEqualTo(1);
    assertThat(handed.leaseOwner()).isEqualTo("exec-1");
    assertThat(logOf(ids.get(0))).containsExactly("QUEUED>CLAIMED");
    assertThat(store().find(ids.get(1)).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(store().claim("exec-2", TYPES, 10, NOW).jobs())
        .extracting(ClaimedJob::id)
        .containsExactly(ids.get(3));
    var handedJob = inserted.claim().jobs().get(0);
    assertThat(store().apply(List.of(Transition.start(handedJob, NOW)))).hasSize(1);
  }

  @Test
  default void the_same_reference_for_the_same_type_returns_the_first_job() {
    JobId first = insert(JobRequest.of("mfn", "validation").reference("C-1"));
    var again =
        store()
            .insert(List.of(queued(JobRequest.of("mfn", "validation").reference("C-1"))), NOW)
            .get(0);
    JobId otherType = insert(JobRequest.of("osn", "cancellation").reference("C-1"));

    assertThat(again.id()).isEqualTo(first);
    assertThat(again.created()).isFalse();
    assertThat(otherType).isNotEqualTo(first);
    assertThat(store().countByStatus().get(JobStatus.QUEUED)).isEqualTo(2);
  }

  @Test
  default void concurrent_submits_of_one_key_make_one_job() throws Exception {
    int threads = 8;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    var go = new java.util.concurrent.CountDownLatch(1);
    try {
      var futures = new ArrayList<java.util.concurrent.Future<Submission>>();
      for (int t = 0; t < threads; t++) {
        var request = JobRequest.of("mfn", "validation").param("t", 1).idempotencyKey("same");
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return store().insert(List.of(queued(request)), NOW).get(0);
                }));
      }
      go.countDown();
      var ids = new java.util.HashSet<JobId>();
      int created = 0;
      for (var future : futures) {
        Submission submission = future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        ids.add(submission.id());
        created += submission.created() ? 1 : 0;
      }
      assertThat(ids).hasSize(1);
      assertThat(created).isEqualTo(1);
      assertThat(store().countByStatus().get(JobStatus.QUEUED)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
