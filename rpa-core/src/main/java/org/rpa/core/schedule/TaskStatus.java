package org.rpa.core.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one named background task, as {@code GET /scheduler} renders it.
 *
 * @param id the task name
 * @param function the task name again (APScheduler's {@code func} field)
 * @param nextRun the next fire time, or {@code null} if the trigger never fires again
 * @param lastRun when the task last started, or {@code null} if it never ran
 * @param lastError the message of the last run's failure, or {@code null} if it succeeded or never
 *     ran
 */
public record TaskStatus(
    String id,
    String function,
    Trigger trigger,
    String triggerDescription,
    Instant nextRun,
    Instant lastRun,
    String lastError,
    long runCount,
    long failureCount) {
  public TaskStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(triggerDescription, "triggerDescription");
  }
}
