package org.rpa.core.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.JobStore;

/**
 * Moves due jobs to an executor: promotes SCHEDULED jobs whose time has come, claims a batch of
 * QUEUED ones in one statement, and hands them to the {@link LocalExecutor}.
 *
 * <p>Thread-safe, though one thread drives it.
 */
final class Dispatcher {
  /** How many SCHEDULED jobs one promotion moves at most. */
  static final int PROMOTE_BATCH = 1_000;

  private final StateMachine states;
  private final LocalExecutor executor;
  private final Set<String> types;
  private final int batchSize;
  private final Clock clock;
  private final LiveCounters live;
  private final EngineMeters meters;
  private volatile boolean backlog = true;

  public Dispatcher(
      StateMachine states,
      LocalExecutor executor,
      Set<String> types,
      int batchSize,
      Clock clock,
      LiveCounters live,
      EngineMeters meters) {
    this.states = states;
    this.executor = executor;
    this.types = Set.copyOf(types);
    this.batchSize = batchSize;
    this.clock = clock;
    this.live = live;
    this.meters = meters;
  }

  /** Moves every SCHEDULED job whose run_at has come to QUEUED; returns how many. */
  public int promoteDue() {
    JobStore store = states.store();
    Instant now = clock.instant();
    int promoted = 0;
    int moved;
    do {
      var transitions = store.promoteDue(now, PROMOTE_BATCH);
      states.publish(transitions);
      moved = transitions.size();
      promoted += moved;
    } while (moved == PROMOTE_BATCH);
    return promoted;
  }

  /**
   * Claims as many QUEUED jobs as the executor has room for, up to one batch, and hands them over.
   *
   * @return how many were claimed
   */
  public int claimOnce() {
    int free = Math.min(executor.freeSlots(), batchSize);
    if (free <= 0 || types.isEmpty()) {
      backlog = backlog || !types.isEmpty();
      return 0;
    }
    long started = System.nanoTime();
    JobStore.Claim claim = states.store().claim(executor.id(), types, free, clock.instant());
    long took = System.nanoTime() - started;
    live.claimLatency().record(took);
    meters.claim("local", took);
    // Rows read: the jobs claimed and those failed as expired, one transition each.
    backlog = claim.transitions().size() >= free;
    states.publish(claim.transitions());
    for (ClaimedJob job : claim.jobs()) {
      executor.execute(job);
    }
    return claim.jobs().size();
  }

  /**
   * False when the last claim found fewer QUEUED jobs than it had room for and nothing has been
   * queued since (as far as this process knows): then a submit may hand its jobs straight to idle
   * threads without overtaking anyone, and a freed thread has nothing to fetch.
   */
  public boolean hasBacklog() {
    return backlog;
  }

  /** Something was queued: the next claim must look. */
  public void noteQueued() {
    backlog = true;
  }

  /** True while the executor has room for more. */
  public boolean hasRoom() {
    return executor.freeSlots() > 0;
  }
}
