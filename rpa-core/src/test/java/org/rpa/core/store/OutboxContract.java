package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.store.Outbox.FinalTransition;
import org.rpa.core.store.Outbox.PendingCallback;

/** The {@link Outbox} part of the store contract. */
interface OutboxContract extends JobStoreFixture {

  /** A job claimed, started and finished by {@code exec-1}; the queue must hold no other job. */
  default JobId finishedJob(JobRequest request, List<org.rpa.core.job.Step> steps) {
    JobId id = insert(request);
    ClaimedJob claimed = store().claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    store().apply(List.of(Transition.start(claimed, NOW)));
    store().apply(List.of(finish(claimed, "exec-1", JobStatus.COMPLETED, steps)));
    return id;
  }

  @Test
  default void the_outbox_takes_one_row_per_final_transition_of_the_log_once() {
    Outbox outbox = store().outbox();
    JobId done = finishedJob(JobRequest.of("mfn", "validation").reference("C-1"), List.of());
    insert(JobRequest.of("osn", "cancellation")); // queued: nothing final to report

    assertThat(outbox.fill(10, NOW, change -> "{\"job\":" + change.jobId() + "}")).isEqualTo(1);
    assertThat(outbox.fill(10, NOW, change -> "again")).isZero();

    List<PendingCallback> pending = outbox.pending(10);
    assertThat(pending).hasSize(1);
    PendingCallback row = pending.get(0);
    assertThat(row.idempotencyKey()).startsWith(done.value() + ":");
    assertThat(row.payload()).isEqualTo("{\"job\":" + done.value() + "}");
    assertThat(row.attempts()).isZero();
    assertThat(row.nextAttemptAt()).isEqualTo(NOW);
    assertThat(outbox.pendingCount()).isEqualTo(1);
  }

  @Test
  default void the_outbox_hands_the_payload_what_the_job_ended_with() {
    JobId done = finishedJob(JobRequest.of("mfn", "validation").reference("C-1"), List.of());
    var seen = new java.util.ArrayList<FinalTransition>();

    store()
        .outbox()
        .fill(
            10,
            NOW,
            change -> {
              seen.add(change);
              return "{}";
            });

    assertThat(seen).hasSize(1);
    FinalTransition change = seen.get(0);
    assertThat(change.jobId()).isEqualTo(done.value());
    assertThat(change.status()).isEqualTo("COMPLETED");
    assertThat(change.provider() + "." + change.action()).isEqualTo("mfn.validation");
    assertThat(change.reference()).isEqualTo("C-1");
    assertThat(change.attempt()).isEqualTo(1);
    assertThat(change.occurrence()).isEqualTo(store().find(done).orElseThrow().occurrence());
    assertThat(change.result()).isEqualTo("{\"ok\":true}");
    assertThat(change.at()).isEqualTo(NOW.plusMillis(1500));
    assertThat(change.idempotencyKey()).isEqualTo(done.value() + ":" + change.logId());
  }

  @Test
  default void a_retried_callback_waits_and_a_delivered_one_leaves_the_pending_rows() {
    Outbox outbox = store().outbox();
    finishedJob(JobRequest.of("mfn", "validation"), List.of());
    finishedJob(JobRequest.of("mfn", "validation"), List.of());
    outbox.fill(10, NOW, change -> "{}");
    List<PendingCallback> rows = outbox.pending(10);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).id()).isLessThan(rows.get(1).id());

    outbox.retryAt(rows.get(0).id(), NOW.plus(Duration.ofSeconds(2)), "x".repeat(5000));
    outbox.delivered(rows.get(1).id(), NOW, null);

    assertThat(outbox.pending(10))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.id()).isEqualTo(rows.get(0).id());
              assertThat(row.attempts()).isEqualTo(1);
              assertThat(row.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofSeconds(2)));
            });
    outbox.delivered(rows.get(0).id(), NOW, "refused with HTTP 400");
    assertThat(outbox.pending(10)).isEmpty();
    assertThat(outbox.pendingCount()).isZero();
  }

  @Test
  default void the_outbox_relay_has_one_holder_until_its_lease_expires() {
    Outbox outbox = store().outbox();
    assertThat(outbox.tryLock("a", NOW, NOW.plusSeconds(30))).isTrue();
    assertThat(outbox.tryLock("b", NOW, NOW.plusSeconds(30))).isFalse();
    assertThat(outbox.tryLock("b", NOW.plusSeconds(30), NOW.plusSeconds(60))).isTrue();
  }
}
