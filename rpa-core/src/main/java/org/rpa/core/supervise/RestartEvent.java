package org.rpa.core.supervise;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the {@link RestartHistory}.
 *
 * @param attempt the loop's restart count at the time (0 for a first crash)
 * @param error the crash message, or {@code null} for a start
 * @param executorId the executor (process) whose supervisor recorded it, or {@code null} when the
 *     history is kept in memory; a history in the store is shared by every process of the store
 */
public record RestartEvent(
    String loopName, Instant timestamp, int attempt, Kind status, String error, String executorId) {

  /** What happened; the HTTP layer renders it in lower case. */
  public enum Kind {
    /** The supervisor restarted a crashed loop. */
    SUCCESS,
    /** The loop's loop threw. */
    CRASHED,
    /** The loop crashed once more than its policy allows; it is no longer restarted. */
    FAILED,
    /** An operator restarted (or reset and restarted) the loop. */
    MANUAL
  }

  public RestartEvent {
    Objects.requireNonNull(loopName, "loopName");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(status, "status");
  }

  /** An event not yet attributed to an executor. */
  public RestartEvent(String loopName, Instant timestamp, int attempt, Kind status, String error) {
    this(loopName, timestamp, attempt, status, error, null);
  }

  /** This event, recorded by {@code executor}. */
  public RestartEvent withExecutorId(String executor) {
    return new RestartEvent(loopName, timestamp, attempt, status, error, executor);
  }
}
