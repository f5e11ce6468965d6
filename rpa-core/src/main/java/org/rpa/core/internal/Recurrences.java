package org.rpa.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.recovery.NextOccurrence;

/** Reads recurring jobs' trigger specs. Not API. */
public final class Recurrences implements NextOccurrence {
  @Override
  public Optional<Instant> after(String spec, Instant after) {
    if (spec.startsWith("interval:")) {
      try {
        return Optional.of(after.plus(Duration.parse(spec.substring(9))));
      } catch (RuntimeException e) {
        throw new InvalidRequestException("recurrence", spec, "must be a valid trigger spec");
      }
    }
    throw new InvalidRequestException("recurrence", spec, "must be a valid trigger spec");
  }
}
