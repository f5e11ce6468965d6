package org.rpa.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One attempt of a job, or one occurrence of a recurring job, with its own status and timings (an
 * execution log entry).
 *
 * @param finishedAt null while RUNNING
 * @param duration null while RUNNING
 * @param result null unless it succeeded with a result
 * @param error null unless it failed, timed out or was cancelled
 */
public record Execution(
    long id,
    JobId jobId,
    int occurrence,
    int attempt,
    ExecutionStatus status,
    String executor,
    Instant startedAt,
    Instant finishedAt,
    Duration duration,
    Map<String, Object> result,
    JobError error) {

  /** True when this execution was a retry of an earlier attempt. */
  public boolean isRetry() {
    return attempt > 1;
  }
}
