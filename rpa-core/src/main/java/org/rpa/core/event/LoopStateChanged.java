package org.rpa.core.event;

import java.time.Instant;
import java.util.Locale;

/**
 * A supervised background loop changed status ({@code running}, {@code crashed}, …).
 *
 * @param error the last crash message, or null
 */
public record LoopStateChanged(
    String loop, String status, int restartCount, String error, Instant at) implements RpaEvent {
  @Override
  public String type() {
    return "supervisor.worker_" + status.toLowerCase(Locale.ROOT);
  }
}
