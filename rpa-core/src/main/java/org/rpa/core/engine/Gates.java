package org.rpa.core.engine;

import java.time.Instant;
import java.util.Optional;
import org.rpa.core.job.JobGate;
import org.rpa.core.job.JobHandler;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a claimed job's handler, when it is a {@link JobGate}, whether the job may start now; if
 * not, makes the transition that holds it: CLAIMED to SCHEDULED at the gate's instant, with the
 * attempt its claim spent given back (as a release at shutdown does). Thread-safe.
 */
final class Gates {
  /** The log reason of a held job. */
  static final String REASON = "held by gate";

  private static final Logger log = LoggerFactory.getLogger(Gates.class);

  private Gates() {}

  static Optional<Transition> hold(JobHandler handler, ClaimedJob job, Instant now) {
    if (!(handler instanceof JobGate gate)) {
      return Optional.empty();
    }
    Optional<Instant> until;
    try {
      until = gate.holdUntil(job.provider(), job.action(), now);
    } catch (RuntimeException e) {
      log.warn("Gate of {} failed on job {}; running it", job.type(), job.id(), e);
      return Optional.empty();
    }
    if (until == null || until.isEmpty() || !until.get().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Transition.hold(job, until.get(), now, REASON));
  }
}
