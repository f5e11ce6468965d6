package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rpa.core.StoreException;
import org.rpa.core.Ticker;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobStatus;
import org.rpa.core.recovery.RecoveryReport;
import org.rpa.core.store.ExecutorRecord;
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
 * <p>A lease is written with its owner's clock and read with this instance's, and either may be set
 * forward or back. So a lease that looks expired is taken back only once this sweeper has also
 * watched it go unrenewed for the lease's length by its own {@link Ticker}: an owner that keeps
 * renewing keeps its jobs whatever the two clocks say. An in-process executor's lease first seen
 * already expired is trusted to have ended when the clock says, so a sweeper that starts after its
 * owner died takes the jobs back at once. A remote worker's lease is renewed by the orchestrators
 * that probe it, not by the worker: one first seen already expired may only say that no
 * orchestrator ran (the only one restarting), so it is watched for one lease from now, in which
 * this orchestrator's own heartbeat renews it if the worker is alive. Measured on one orchestrator
 * with two workers (FaultMatrixIT on H2, leases 6 s): without this, the restarted orchestrator's
 * first sweep took every running job from the live workers as lease expired and ran them again.
 *
 * <p>A store that failed a sweep was down for every executor too: nobody could renew a lease while
 * it was, so a lease that lapsed then says nothing of its executor. After a failed sweep, the next
 * one that succeeds starts every watch again, trusting no clock, which gives every live executor a
 * lease's time to renew its own; a dead one's jobs come back one lease later than without the
 * outage. Measured on a cluster (FaultMatrixIT, PostgreSQL down 30 s, leases 6 s): without this,
 * the first sweep after the outage took every running job from the live workers as lease expired,
 * spending an attempt and running the work a second time.
 *
 * <p>Thread-safe.
 */
final class LeaseSweeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);
  private static final int BATCH = 500;

  private final StateMachine states;
  private final Outcomes outcomes;
  private final Clock clock;
  private final Ticker ticker;
  private final Duration lease;
  private final Map<String, Watch> watched = new ConcurrentHashMap<>();
  private Long lastSweep;
  private volatile boolean storeFailed;

  /**
   * An executor's lease as last read, the tick at which this sweeper first read it so, and how long
   * its leases last.
   */
  private record Watch(Instant leaseUntil, long since, Duration length) {
    boolean ranOut(long tick) {
      return tick - since >= length.toNanos();
    }
  }

  /**
   * @param lease the lease length, for an executor whose row does not say when it last renewed
   */
  public LeaseSweeper(StateMachine states, Outcomes outcomes, Clock clock, Duration lease) {
    this.states = states;
    this.outcomes = outcomes;
    this.clock = clock;
    this.ticker = Ticker.of(clock);
    this.lease = lease;
  }

  /**
   * One sweep: recovers orphaned jobs and expires overdue ones.
   *
   * @throws StoreException if the store fails; every lease is then watched again from the next
   *     sweep that succeeds
   */
  public synchronized RecoveryReport runOnce() {
    try {
      return sweep();
    } catch (StoreException e) {
      storeFailed = true;
      throw e;
    }
  }

  private RecoveryReport sweep() {
    JobStore store = states.store();
    Instant now = clock.instant();
    Instant latestEnded = watch(store.executors(), now);
    // Jobs whose lease this sweeper watched end, even one that its clock says has not (its owner's
    // clock ran ahead): asked for as of the latest such end, then each checked against its watch.
    Instant asOf = latestEnded != null && latestEnded.isAfter(now) ? latestEnded : now;
    int recovered = 0;
    List<LeasedJob> orphans;
    int applied;
    do {
      orphans = store.findOrphaned(asOf, BATCH);
      var transitions = new ArrayList<Transition>(orphans.size());
      for (LeasedJob job : orphans) {
        if (ended(job.owner())) {
          transitions.add(recover(job, now));
        }
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

  /**
   * Reads every executor's lease into the watch. Its watch starts when its owner last renewed it by
   * this clock, if that is since the last sweep (or the lease is seen for the first time, so that
   * one already expired counts as ended); otherwise, when the two clocks disagree, now.
   *
   * @return the latest lease end among the leases this sweeper has watched run out, or null
   */
  private Instant watch(List<ExecutorRecord> executors, Instant now) {
    long tick = ticker.nanos();
    long sinceLastSweep = lastSweep == null ? Long.MAX_VALUE : tick - lastSweep;
    lastSweep = tick;
    boolean afterOutage = storeFailed;
    if (afterOutage) {
      // Should this sweep fail too, the next one that succeeds starts the watches again.
      storeFailed = false;
      watched.clear();
      log.info("The store is back: every lease is watched again from now, for one lease");
    }
    var present = new HashSet<String>();
    Instant latestEnded = null;
    for (ExecutorRecord executor : executors) {
      Instant until = executor.leaseUntil();
      if (until == null) {
        continue;
      }
      present.add(executor.id());
      Watch seen = watched.get(executor.id());
      if (seen == null || !seen.leaseUntil().equals(until)) {
        Duration length = length(executor);
        long renewedAgo = Math.max(0, Duration.between(until.minus(length), now).toNanos());
        // First seen: trusted by the clock, unless the store was just down for everyone or the
        // lease is a remote worker's, renewed by orchestrators that may all have been down.
        long bound =
            seen != null ? sinceLastSweep : afterOutage || executor.isRemote() ? 0 : Long.MAX_VALUE;
        seen = new Watch(until, renewedAgo <= bound ? tick - renewedAgo : tick, length);
        watched.put(executor.id(), seen);
      }
      if (seen.ranOut(tick) && (latestEnded == null || until.isAfter(latestEnded))) {
        latestEnded = until;
      }
    }
    watched.keySet().retainAll(present);
    return latestEnded;
  }

  /** True unless this sweeper watches the owner's lease and has not yet watched it run out. */
  private boolean ended(String owner) {
    Watch seen = watched.get(owner);
    return seen == null || seen.ranOut(ticker.nanos());
  }

  /** How long the executor's leases last: from its last renewal to its lease's end. */
  private Duration length(ExecutorRecord executor) {
    Instant renewed = executor.heartbeatAt();
    return renewed == null || !executor.leaseUntil().isAfter(renewed)
        ? lease
        : Duration.between(renewed, executor.leaseUntil());
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
