package org.rpa.core.job;

import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link JobHandler} may also implement to hold its jobs back before they start, such as
 * while the downstream service they call is known to be down (an open circuit breaker). The
 * executor asks the gate after claiming a job and before starting it; a held job goes back to
 * SCHEDULED for the instant the gate names, with the attempt its claim spent given back, so a long
 * outage costs the job no attempts and no execution row.
 *
 * <p>Called on executor threads, for many jobs at once: implementations must be thread-safe, quick
 * and free of blocking calls. An exception from the gate lets the job run.
 */
@FunctionalInterface
public interface JobGate {

  /**
   * When the job may start.
   *
   * @param now the executor's clock
   * @return empty to start it now; otherwise the instant before which it must not start (an instant
   *     not after {@code now} starts it now too)
   */
  Optional<Instant> holdUntil(String provider, String action, Instant now);
}
