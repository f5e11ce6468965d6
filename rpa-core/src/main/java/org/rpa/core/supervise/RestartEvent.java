package org.rpa.core.supervise;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the {@link RestartHistory}.
 *
 * @param attempt the loop's restart count at the time (0 for a first crash)
 * @param error the crash message, or {@code null} for a start
 */
public record RestartEvent(
    String loopName, Instant timestamp, int attempt, Kind status, String error) {

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
}
