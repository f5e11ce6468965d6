package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.IdempotencyConflictException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Submission;

/**
 * A repeated idempotency key or reference returns the first job only when the request is the same;
 * with another request it is refused, and nothing is stored.
 */
interface IdempotencyContract extends JobStoreFixture {
  private JobRequest keyed() {
    return JobRequest.of("mfn", "validation")
        .params(Map.of("circuit_number", "ABC123", "depth", 2))
        .priority(5)
        .idempotencyKey("order-42");
  }

  private long jobs() {
    return store().countByStatus().values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  default void the_same_request_with_the_same_key_returns_the_first_job() {
    JobId first = insert(keyed());
    // The same parameters in another order are the same request.
    var again =
        keyed().params(Map.of("depth", 2, "circuit_number", "ABC123")).idempotencyKey("order-42");

    Submission repeat = store().insert(List.of(queued(again)), NOW).get(0);

    assertThat(repeat.id()).isEqualTo(first);
    assertThat(repeat.created()).isFalse();
  }

  @Test
  default void another_request_with_the_same_key_is_refused_and_stores_nothing() {
    JobId first = insert(keyed());
    long before = jobs();
    var others =
        List.of(
            JobRequest.of("osn", "cancellation").idempotencyKey("order-42"),
            keyed().param("circuit_number", "XYZ999"),
            keyed().priority(6),
            keyed().reference("C-1"));

    for (JobRequest other : others) {
      assertThatThrownBy(() -> store().insert(List.of(queued(other)), NOW))
          .isInstanceOfSatisfying(
              IdempotencyConflictException.class,
              e -> {
                assertThat(e.field()).isEqualTo("idempotency_key");
                assertThat(e.value()).isEqualTo("order-42");
                assertThat(e.existingJob()).isEqualTo(first);
              })
          .hasMessageContaining("order-42");
    }
    assertThat(jobs()).isEqualTo(before);
    assertThat(store().find(first).orElseThrow().params())
        .containsEntry("circuit_number", "ABC123");
  }

  @Test
  default void another_request_with_the_same_reference_is_refused_and_stores_nothing() {
    var request = JobRequest.of("mfn", "validation").param("circuit_number", "A").reference("R-7");
    JobId first = insert(request);
    long before = jobs();

    assertThat(insert(request)).isEqualTo(first);
    assertThatThrownBy(() -> insert(request.param("circuit_number", "B")))
        .isInstanceOf(IdempotencyConflictException.class)
        .hasMessageContaining("R-7");
    assertThat(jobs()).isEqualTo(before);
  }

  @Test
  default void in_a_batch_a_key_repeated_with_another_request_refuses_the_whole_batch() {
    long before = jobs();
    var batch =
        List.of(
            queued(JobRequest.of("mfn", "validation").reference("fresh-1")),
            queued(keyed()),
            queued(keyed().priority(9)));

    assertThatThrownBy(() -> store().insert(batch, NOW))
        .isInstanceOf(IdempotencyConflictException.class)
        .hasMessageContaining("order-42");
    assertThat(jobs()).isEqualTo(before);
  }

  @Test
  default void in_a_batch_a_key_of_an_earlier_job_with_another_request_refuses_the_batch() {
    JobId first = insert(keyed());
    long before = jobs();
    var batch =
        List.of(
            queued(JobRequest.of("mfn", "validation").reference("fresh-2")),
            queued(keyed().param("circuit_number", "other")));

    assertThatThrownBy(() -> store().insert(batch, NOW))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(jobs()).isEqualTo(before);

    var same = store().insert(List.of(queued(keyed()), queued(keyed())), NOW);
    assertThat(same).extracting(Submission::id).containsOnly(first);
    assertThat(store().countByStatus().get(JobStatus.QUEUED)).isEqualTo(before);
  }
}
