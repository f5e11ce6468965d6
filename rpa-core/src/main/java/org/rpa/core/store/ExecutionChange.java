package org.rpa.core.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobError;
import org.rpa.core.job.Step;

/**
 * A change to the execution row of ({@code jobId}, {@code occurrence}, attempt).
 *
 * @param attempt the execution's attempt
 * @param status RUNNING inserts the row (a start); any other status finishes it
 * @param duration null on a start
 * @param result null unless it succeeded
 * @param error null unless it failed
 * @param steps the steps recorded, stored when it finishes
 */
public record ExecutionChange(
    int attempt,
    ExecutionStatus status,
    String executor,
    Duration duration,
    Map<String, Object> result,
    JobError error,
    List<Step> steps) {
  public ExecutionChange {
    Objects.requireNonNull(status, "status");
    steps = List.copyOf(steps);
  }

  /** A start of attempt {@code attempt} by {@code executor}: it inserts the row, RUNNING. */
  static ExecutionChange start(int attempt, String executor) {
    return new ExecutionChange(
        attempt, ExecutionStatus.RUNNING, executor, null, null, null, List.of());
  }

  public boolean isStart() {
    return status == ExecutionStatus.RUNNING;
  }
}
