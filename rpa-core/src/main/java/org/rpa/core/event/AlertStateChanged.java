package org.rpa.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An alert rule started or stopped firing, or changed severity while firing.
 *
 * @param severity {@code WARNING} or {@code CRITICAL}
 * @param state {@code FIRING} or {@code RESOLVED}
 */
public record AlertStateChanged(
    String alert, String severity, String state, String message, Instant at) implements RpaEvent {
  /** The values {@code state} takes. */
  public static final List<String> STATES = List.of("FIRING", "RESOLVED");

  @Override
  public String type() {
    return "alert." + state.toLowerCase(Locale.ROOT);
  }
}
