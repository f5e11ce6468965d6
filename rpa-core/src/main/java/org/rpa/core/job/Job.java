package org.rpa.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A job as the store holds it: a snapshot, not a live view.
 *
 * @param attempts executions started for the current run (for a recurring job, of the current
 *     occurrence)
 * @param occurrence which run of the job this is: always 1 for a ONE_TIME job, counting up for a
 *     RECURRING one
 * @param deadline null when there is none
 * @param reference null when there is none
 * @param idempotencyKey null when there is none
 * @param recurrence the trigger spec of a RECURRING job; null for ONE_TIME
 * @param startedAt when the last execution started; null before the first
 * @param finishedAt when the job reached a final status, or the last occurrence ended; null before
 * @param result the last successful execution's result; null when none
 * @param error the last failed execution's error; null when none
 * @param leaseOwner the executor holding the lease while CLAIMED or RUNNING; null otherwise
 */
public record Job(
    JobId id,
    String provider,
    String action,
    JobKind kind,
    JobStatus status,
    int priority,
    Map<String, Object> params,
    Instant runAt,
    Instant deadline,
    int attempts,
    int occurrence,
    int maxAttempts,
    Duration timeout,
    String reference,
    String idempotencyKey,
    String recurrence,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant finishedAt,
    Map<String, Object> result,
    JobError error,
    String leaseOwner) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    params = Map.copyOf(params);
  }

  /** {@code provider.action}. */
  public String type() {
    return provider + "." + action;
  }

  /** True while SCHEDULED after a failed attempt (shown as PENDING in the statistics). */
  public boolean isWaitingForRetry() {
    return status == JobStatus.SCHEDULED && attempts > 0;
  }
}
