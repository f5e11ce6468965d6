package org.rpa.core.remote;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobError;
import org.rpa.core.job.Step;

/**
 * How one attempt ended on a worker ({@code POST /callbacks/job-complete}).
 *
 * @param status SUCCESS, FAILED or TIMEOUT
 * @param result the handler's data on success; null otherwise
 * @param error why it failed; null on success
 * @param retryable true for a technical failure or a timeout, false for a business failure
 * @param duration how long it ran; null when unknown
 * @param credential the credential of the dispatch this result answers, as the worker returned it
 *     (see {@link RemoteJob#credential()}); null when it carries none
 */
public record RemoteResult(
    long jobId,
    int occurrence,
    int attempt,
    String executorId,
    ExecutionStatus status,
    Map<String, Object> result,
    JobError error,
    boolean retryable,
    Duration duration,
    List<Step> steps,
    String credential) {
  public RemoteResult {
    Objects.requireNonNull(executorId, "executorId");
    Objects.requireNonNull(status, "status");
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.CANCELLED) {
      throw new IllegalArgumentException(
          "status must be SUCCESS, FAILED or TIMEOUT, but was " + status);
    }
    if (status != ExecutionStatus.SUCCESS && error == null) {
      throw new IllegalArgumentException("error must be given when status is " + status);
    }
    steps = List.copyOf(steps);
  }

  /** Every component but the result data, steps and credential, which never appear in logs. */
  @Override
  public String toString() {
    return "RemoteResult[jobId=%d, occurrence=%d, attempt=%d, executorId=%s, status=%s, error=%s,"
            .formatted(jobId, occurrence, attempt, executorId, status, error)
        + " retryable=%s, duration=%s, steps=%d, credential=%s]"
            .formatted(retryable, duration, steps.size(), credential == null ? "none" : "***");
  }
}
