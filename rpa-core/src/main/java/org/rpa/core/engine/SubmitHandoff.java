package org.rpa.core.engine;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.rpa.core.job.JobStatus;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.NewJob;
import org.rpa.core.supervise.Waiter;

/**
 * The submit-time hand-off: while the dispatcher runs and knows of no backlog, a submit claims its
 * fresh QUEUED jobs for this executor's idle threads in its own insert transaction and starts them
 * at once. That saves the claim transaction and the wake-up round trip per job, which is most of an
 * idle system's pick-up time. Jobs the executor cannot take stay QUEUED and wake the dispatcher.
 *
 * <p>Thread-safe. Closing waits for hand-offs under way, so that none starts a job after the
 * orchestrator began taking back its unstarted ones.
 */
final class SubmitHandoff {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final LocalExecutor executor;
  private final Dispatcher dispatcher;
  private final Set<String> types;
  private final Waiter dispatchWaiter;
  private boolean open;

  SubmitHandoff(
      LocalExecutor executor, Dispatcher dispatcher, Set<String> types, Waiter dispatchWaiter) {
    this.executor = executor;
    this.dispatcher = dispatcher;
    this.types = Set.copyOf(types);
    this.dispatchWaiter = dispatchWaiter;
  }

  void setOpen(boolean open) {
    lock.writeLock().lock();
    try {
      this.open = open;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Inserts {@code jobs}, claiming what idle threads can take; {@code committed} sees the result
   * (to publish its events) before the claimed jobs start.
   */
  JobStore.Inserted insert(
      JobStore store, List<NewJob> jobs, Instant now, Consumer<JobStore.Inserted> committed) {
    lock.readLock().lock();
    try {
      int due = (int) jobs.stream().filter(job -> job.status() == JobStatus.QUEUED).count();
      int reserved = open && due > 0 && !dispatcher.hasBacklog() ? executor.reserve(due) : 0;
      JobStore.Inserted inserted;
      try {
        inserted = store.insertAndClaim(jobs, now, executor.id(), types, reserved);
      } catch (RuntimeException e) {
        executor.unreserve(reserved);
        throw e;
      }
      List<ClaimedJob> claimed = inserted.claim().jobs();
      executor.unreserve(reserved - claimed.size());
      committed.accept(inserted);
      claimed.forEach(executor::executeReserved);
      return inserted;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Jobs were queued for the dispatcher: it must claim before the next hand-off. */
  void queued() {
    dispatcher.noteQueued();
    dispatchWaiter.wake();
  }
}
