package org.rpa.core.engine;

import java.time.Instant;
import java.util.Optional;

/** When a recurring job runs next: reads a trigger spec and answers the next fire time. */
@FunctionalInterface
interface NextOccurrence {

  /**
   * The first fire time of {@code triggerSpec} strictly after {@code after}; empty if it never
   * fires again.
   *
   * @throws org.rpa.core.InvalidRequestException if the spec cannot be read
   */
  Optional<Instant> after(String triggerSpec, Instant after);
}
