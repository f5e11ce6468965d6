package org.rpa.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A supervised background loop changed status ({@code running}, {@code crashed}, …).
 *
 * @param error the last crash message, or null
 */
public record LoopStateChanged(
    String loop, String status, int restartCount, @Nullable String error, Instant at)
    implements RpaEvent {
  /** Every status a loop can have: the values {@code status} takes. */
  public static final List<String> STATUSES =
      List.of("RUNNING", "STOPPED", "CRASHED", "RESTARTING", "FAILED");

  @Override
  public String type() {
    return "supervisor.worker_" + status.toLowerCase(Locale.ROOT);
  }
}
