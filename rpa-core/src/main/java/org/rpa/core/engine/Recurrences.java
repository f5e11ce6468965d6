package org.rpa.core.engine;

import java.time.Instant;
import java.util.Optional;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.schedule.Trigger;

/** Reads recurring jobs' trigger specs with the same {@link Trigger}s as background tasks. */
final class Recurrences implements NextOccurrence {
  @Override
  public Optional<Instant> after(String spec, Instant after) {
    try {
      return Trigger.parse(spec).nextAfter(after);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          "recurrence", spec, "must be a trigger such as interval:PT1H or cron:0 2 * * *;UTC");
    }
  }
}
