package org.rpa.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * When, by whom and why a {@link Transition} was made: its {@code job_log} row. {@code at} is also
 * the job's new updated_at, and the start or finish time of the execution row it touches.
 *
 * @param executor who made the change; null for the API and sweepers
 * @param reason a few words for the log; null when none
 */
public record JobLogEntry(Instant at, String executor, String reason) {
  public JobLogEntry {
    Objects.requireNonNull(at, "at");
  }
}
