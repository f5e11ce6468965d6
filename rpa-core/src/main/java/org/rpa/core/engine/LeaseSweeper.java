package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rpa.core.StoreException;
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
 * <p>A store that failed a sweep was down for every executor too: nobody could renew a lease while
 * it was, so a lease that lapsed then says nothing of its executor. After a failed sweep, orphans
 * are recovered again only once the store has been back for one lease, which gives every live
 * executor a lease's time to renew its own; a dead one's jobs come back one lease later than
 * without the outage. Measured on a cluster (FaultMatrixIT, PostgreSQL down 30 s, leases 6 s):
 * without the pause, the first sweep after the outage took every running job from the live workers
 * as lease expired, spending an attempt and running the work a second time.
 *
 * <p>Thread-safe.
 */
final class LeaseSweeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);
  private static final int BATCH = 500;

  private final StateMachine states;
  private final Outcomes outcomes;
  private final Clock clock;
  private final Duration lease;
  private volatile boolean storeFailed;
  private volatile Instant orphansFrom = Instant.MIN;

  public LeaseSweeper(StateMachine states, Outcomes outcomes, Clock clock, Duration lease) {
    this.states = states;
    this.outcomes = outcomes;
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * One sweep: recovers orphaned jobs and expires overdue ones.
   *
   * @throws StoreException if the store fails; orphans then wait one lease after it is back
   */
  public RecoveryReport runOnce() {
    Instant now = clock.instant();
    try {
      return sweep(now);
    } catch (StoreException e) {
      storeFailed = true;
      throw e;
    }
  }

  private RecoveryReport sweep(Instant now) {
    JobStore store = states.store();
    if (storeFailed) {
      // Should this sweep fail too, the next one that succeeds opens the pause again.
      storeFailed = false;
      orphansFrom = now.plus(lease);
      log.info("The store is back: orphaned jobs are recovered from {}, one lease on", orphansFrom);
    }
    int recovered = now.isBefore(orphansFrom) ? 0 : recoverOrphans(store, now);
    int expired = 0;
    List<LeasedJob> overdue;
    int applied;
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

  private int recoverOrphans(JobStore store, Instant now) {
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
    return recovered;
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
