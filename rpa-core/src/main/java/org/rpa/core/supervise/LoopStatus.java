package org.rpa.core.supervise;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one supervised loop, as {@code GET /api/system/supervisor} renders it.
 *
 * @param lastStartedAt when the loop last (re)started, or {@code null} if it never ran
 * @param lastCrashedAt when it last crashed, or {@code null} if it never crashed
 * @param error the message of the last crash, or {@code null} if it never crashed
 */
public record LoopStatus(
    String name,
    Status status,
    int restartCount,
    int maxRestarts,
    Instant lastStartedAt,
    Instant lastCrashedAt,
    String error,
    boolean critical) {

  /** The state of a loop; the HTTP layer renders it in lower case. */
  public enum Status {
    /** The loop is running. */
    RUNNING,
    /** Stopped on purpose; it can be started. */
    STOPPED,
    /** Its loop threw; a restart is pending its backoff. */
    CRASHED,
    /** Being restarted. */
    RESTARTING,
    /** Crashed after {@link RestartPolicy#maxRestarts()} restarts; no more automatic restarts. */
    FAILED
  }

  public LoopStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
  }
}
