package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;

/**
 * The claim batches in flight and the queue by type, as the dispatch pipeline reads them: a batch
 * is one claim's jobs still CLAIMED or RUNNING, and a job released and claimed again belongs to its
 * last claim.
 */
interface InFlightContract extends JobStoreFixture {

  @Test
  default void each_claim_is_one_batch_until_its_last_job_leaves_the_lease() {
    for (int i = 0; i < 4; i++) {
      insert(JobRequest.of("mfn", "validation"));
    }
    insert(JobRequest.of("osn", "cancellation"));
    insert(JobRequest.of("osn", "cancellation"));
    assertThat(store().analytics().claimBatches()).isEmpty();
    Set<String> mfn = Set.of("mfn.validation");

    List<ClaimedJob> first = store().claim("exec-1", mfn, 2, NOW).jobs();
    List<ClaimedJob> second = store().claim("exec-2", mfn, 1, NOW.plusSeconds(1)).jobs();
    assertThat(store().analytics().claimBatches())
        .containsExactly(
            new ClaimBatchRow("exec-1", NOW, 2, 0, NOW),
            new ClaimBatchRow("exec-2", NOW.plusSeconds(1), 1, 0, NOW.plusSeconds(1)));
    assertThat(store().analytics().queuedByType())
        .containsExactly(Map.entry("mfn.validation", 1L), Map.entry("osn.cancellation", 2L));

    store().apply(List.of(Transition.start(first.get(0), NOW.plusSeconds(2))));
    assertThat(store().analytics().claimBatches())
        .first()
        .isEqualTo(new ClaimBatchRow("exec-1", NOW, 2, 1, NOW.plusSeconds(2)));

    store().apply(List.of(finish(first.get(0), "exec-1", JobStatus.COMPLETED)));
    store()
        .apply(
            List.of(
                Transition.release(second.get(0), NOW.plusSeconds(3), "worker did not take it")));
    assertThat(store().analytics().claimBatches())
        .containsExactly(new ClaimBatchRow("exec-1", NOW, 1, 0, NOW));

    List<ClaimedJob> again = store().claim("exec-3", mfn, 5, NOW.plusSeconds(4)).jobs();
    assertThat(again).hasSize(2);
    assertThat(store().analytics().claimBatches())
        .containsExactly(
            new ClaimBatchRow("exec-1", NOW, 1, 0, NOW),
            new ClaimBatchRow("exec-3", NOW.plusSeconds(4), 2, 0, NOW.plusSeconds(4)));
    assertThat(store().analytics().queuedByType())
        .containsExactly(Map.entry("osn.cancellation", 2L));
  }

  @Test
  default void old_claims_of_an_owner_are_found_oldest_first_and_nothing_else() {
    for (int i = 0; i < 4; i++) {
      insert(JobRequest.of("mfn", "validation"));
    }
    Set<String> mfn = Set.of("mfn.validation");
    List<ClaimedJob> old = store().claim("worker-1", mfn, 2, NOW).jobs();
    List<ClaimedJob> recent = store().claim("worker-1", mfn, 1, NOW.plusSeconds(10)).jobs();
    List<ClaimedJob> other = store().claim("worker-2", mfn, 1, NOW).jobs();
    store().apply(List.of(Transition.start(old.get(1), NOW.plusSeconds(1))));

    assertThat(store().claimedBefore("worker-1", NOW.plusSeconds(5), 10))
        .as("claimed before the time, still CLAIMED, by that owner")
        .containsExactly(old.get(0).id());
    assertThat(store().claimedBefore("worker-1", NOW.plusSeconds(11), 10))
        .containsExactly(old.get(0).id(), recent.get(0).id());
    assertThat(store().claimedBefore("worker-1", NOW.plusSeconds(11), 1))
        .containsExactly(old.get(0).id());
    assertThat(store().claimedBefore("worker-2", NOW, 10)).as("not before").isEmpty();
    assertThat(store().claimedBefore("worker-3", NOW.plusSeconds(60), 10)).isEmpty();
    assertThat(other).hasSize(1);
  }
}
