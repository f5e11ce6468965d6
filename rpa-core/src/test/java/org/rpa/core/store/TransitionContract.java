package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.IllegalJobTransitionException;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;

/** The contract of status changes: conditions, merged writes and the log. */
interface TransitionContract extends JobStoreFixture {
  @Test
  default void a_result_is_accepted_only_from_the_lease_holder_of_that_attempt() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var claimed = store().claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    assertThat(store().apply(List.of(Transition.start(claimed, NOW)))).hasSize(1);

    var staleOwner = finish(claimed, "exec-2", JobStatus.COMPLETED);
    var wrongAttempt =
        Transition.complete(
            new Transition.Lease(id.value(), "mfn", "validation", 1, 2, "exec-1"),
            new ExecutionChange(2, ExecutionStatus.SUCCESS, "exec-1", null, null, null, List.of()),
            NOW,
            null);
    assertThat(store().apply(List.of(staleOwner, wrongAttempt))).isEmpty();
    assertThat(store().find(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);

    assertThat(store().apply(List.of(finish(claimed, "exec-1", JobStatus.COMPLETED)))).hasSize(1);
    Job done = store().find(id).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.result()).containsEntry("ok", true);
    assertThat(store().executions(id))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
              assertThat(e.duration()).isEqualTo(Duration.ofMillis(1500));
            });
  }

  @Test
  default void a_start_and_its_finish_in_one_batch_still_record_the_execution_and_both_log_rows() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var claimed = store().claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    var start = Transition.start(claimed, NOW);
    var finish = finish(claimed, "exec-1", JobStatus.COMPLETED);

    assertThat(store().apply(List.of(finish, start))).containsExactly(start, finish);

    Job done = store().find(id).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.startedAt()).isEqualTo(NOW);
    assertThat(done.finishedAt()).isEqualTo(NOW.plusMillis(1500));
    assertThat(done.result()).containsEntry("ok", true);
    assertThat(store().executions(id))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
              assertThat(e.startedAt()).isEqualTo(NOW);
              assertThat(e.finishedAt()).isEqualTo(NOW.plusMillis(1500));
              assertThat(e.duration()).isEqualTo(Duration.ofMillis(1500));
            });
    assertThat(logOf(id)).containsExactly("QUEUED>CLAIMED", "CLAIMED>RUNNING", "RUNNING>COMPLETED");
  }

  @Test
  default void a_start_and_finish_from_a_stale_owner_take_no_effect_together() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var claimed = store().claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    var stale =
        new ClaimedJob(
            claimed.id(),
            claimed.provider(),
            claimed.action(),
            claimed.kind(),
            claimed.params(),
            claimed.occurrence(),
            claimed.attempts(),
            claimed.maxAttempts(),
            claimed.timeout(),
            claimed.runAt(),
            claimed.deadline(),
            claimed.recurrence(),
            "exec-2");

    assertThat(
            store()
                .apply(
                    List.of(
                        Transition.start(stale, NOW),
                        finish(stale, "exec-2", JobStatus.COMPLETED))))
        .isEmpty();
    assertThat(store().find(id).orElseThrow().status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(store().executions(id)).isEmpty();
    assertThat(logOf(id)).containsExactly("QUEUED>CLAIMED");
  }

  @Test
  default void an_illegal_transition_throws_and_writes_nothing() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    Job job = store().find(id).orElseThrow();
    var legal = Transition.runAtChanged(job, JobStatus.SCHEDULED, NOW);
    var illegal = Transition.runAtChanged(job, JobStatus.RUNNING, NOW);

    assertThatThrownBy(() -> store().apply(List.of(legal, illegal)))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("QUEUED to RUNNING");
    assertThat(store().find(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
  }
}
