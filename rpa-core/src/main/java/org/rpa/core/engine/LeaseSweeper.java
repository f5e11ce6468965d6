package org.rpa.core.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobStatus;
import org.rpa.core.recovery.RecoveryReport;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.LeasedJob;
import org.rpa.core.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds jobs whose executor stopped renewing its lease and returns them to the queue: a claimed job
 * that never started goes back to QUEUED at no cost; a running one counts as a failed attempt and
 * is retried while attempts remain, failed after. It also fails jobs whose deadline passed before
 * they started. Safe to run on several instances at once: every change is conditional.
 *
 * <p>Thread-safe.
 */
final class LeaseSweeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);
  private static final int BATCH = 500;

  private final StateMachine states;
  private final Outcomes outcomes;
  private final Clock clock;

  public LeaseSweeper(StateMachine states, Outcomes outcomes, Clock clock) {
    this.states = states;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /** One sweep: recovers orphaned jobs and expires overdue ones. */
  public RecoveryReport runOnce() {
    JobStore store = states.store();
    Instant now = clock.instant();
    int recovered = 0;
    List<LeasedJob> orphans;
    int applied;
    do {
      orphans = store.findOrphaned(now, BATCH);
      var transitions = new ArrayList<Transition>(orphans.size());
      for (LeasedJob job : orphans) {
        transitions.add(recover(job, now));
      }
      applied = states.apply(transitions).size();
      recovered += applied;
    } while (orphans.size() == BATCH && applied > 0);
    int expired = 0;
    List<LeasedJob> overdue;
    do {
      overdue = store.findExpired(now, BATCH);
      var transitions = new ArrayList<Transition>(overdue.size());
      for (LeasedJob job : overdue) {
        transitions.add(Transition.expire(job, now));
      }
      applied = states.apply(transitions).size();
      expired += applied;
    } while (overdue.size() == BATCH && applied > 0);
    if (recovered > 0 || expired > 0) {
      log.info("Lease sweep recovered {} job(s) and expired {} job(s)", recovered, expired);
    }
    return new RecoveryReport(recovered, expired);
  }

  private Transition recover(LeasedJob job, Instant now) {
    if (job.status() == JobStatus.CLAIMED) {
      // The claim spent an attempt: the handler may have begun before its start was written.
      return job.attempts() < job.maxAttempts()
          ? Transition.requeueOrphan(job, now)
          : Transition.failOrphan(job, leaseExpired(job), now);
    }
    var run = Outcomes.Run.of(job);
    var error = leaseExpired(job);
    return outcomes.finish(
        run, ExecutionStatus.FAILED, null, error, true, List.of(), null, now, "lease expired");
  }

  private static JobError leaseExpired(LeasedJob job) {
    return new JobError(
        Outcomes.LEASE_EXPIRED, "Executor " + job.owner() + " stopped renewing its lease");
  }
}
