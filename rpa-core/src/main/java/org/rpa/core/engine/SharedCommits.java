package org.rpa.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.StoreException;
import org.rpa.core.job.IdempotencyConflictException;
import org.rpa.core.job.Submission;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.NewJob;

/**
 * Lets concurrent submits share insert transactions, without a thread of its own (leader and
 * followers): a submit queues its jobs, and the first submit to find no insert under way becomes
 * the leader, inserts every submit queued so far in one transaction, hands each its own
 * submissions, and lets the next queued submit lead. The others park until their jobs are
 * committed. So while one commit runs, the submits that arrive gather for the next, and a lone
 * submit waits for nothing: its own thread inserts at once.
 *
 * <p>Each submit keeps its own all-or-none: its jobs are never split across transactions. A shared
 * transaction that fails stores nothing. When its error may concern one submit's jobs only (an
 * idempotency conflict, a constraint or a value the database refused), each of its submits is
 * inserted again alone, so that each gets its own result or its own error; when the store itself
 * failed (down, unreachable, timed out), every submit of it gets that error at once.
 *
 * <p>Thread-safe.
 */
final class SharedCommits {
  /**
   * How many jobs one shared transaction gathers at most; a single submit that is larger goes
   * alone, in one transaction, as it always did.
   */
  static final int MAX_JOBS = 2_000;

  /** Inserts jobs in one transaction and acts on the result (publishes, hands off, wakes). */
  interface Insert {
    /**
     * @param onCommit run right after the commit, before anything else the insert does
     */
    JobStore.Inserted insert(List<NewJob> jobs, Instant now, Runnable onCommit);
  }

  private final Insert insert;
  private final LiveCounters live;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean inserting = new AtomicBoolean();
  private volatile Thread leader;

  SharedCommits(Insert insert, LiveCounters live) {
    this.insert = insert;
    this.live = live;
  }

  /**
   * Inserts {@code jobs} in a transaction that may hold other submits' jobs, and returns once it is
   * committed.
   *
   * @param now the submit's instant; a shared transaction writes the latest of its submits'
   * @return one submission per job, in order
   */
  List<Submission> submit(List<NewJob> jobs, Instant now) {
    if (leader == Thread.currentThread()) {
      // A listener of a job's creation, or a handler run inline, submits from inside an insert:
      // queueing behind that insert would wait for itself.
      var pending = new Pending(jobs, now);
      insertAlone(pending);
      return pending.result();
    }
    var pending = new Pending(jobs, now);
    queue.add(pending);
    boolean interrupted = false;
    while (!pending.done) {
      if (!inserting.get() && inserting.compareAndSet(false, true)) {
        lead();
        continue;
      }
      LockSupport.park(this);
      interrupted |= Thread.interrupted();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return pending.result();
  }

  /** How many submits wait for a transaction now. Walks the queue; for tests and metrics. */
  int waiting() {
    return queue.size();
  }

  private void lead() {
    leader = Thread.currentThread();
    try {
      List<Pending> batch = drain();
      if (!batch.isEmpty()) {
        commit(batch);
      }
    } finally {
      leader = null;
      inserting.set(false);
      // A submit that queued while this insert ran parks until a leader takes it: wake the first.
      Pending next = queue.peek();
      if (next != null) {
        LockSupport.unpark(next.thread);
      }
    }
  }

  /** Takes queued submits, in order, up to {@link #MAX_JOBS} jobs (at least one submit). */
  private List<Pending> drain() {
    var batch = new ArrayList<Pending>();
    int jobs = 0;
    Pending next;
    while ((next = queue.peek()) != null) {
      if (!batch.isEmpty() && jobs + next.jobs.size() > MAX_JOBS) {
        break;
      }
      queue.poll();
      batch.add(next);
      jobs += next.jobs.size();
    }
    return batch;
  }

  private void commit(List<Pending> batch) {
    if (batch.size() == 1) {
      insertAlone(batch.get(0));
      return;
    }
    var jobs = new ArrayList<NewJob>();
    Instant now = batch.get(0).now;
    for (Pending pending : batch) {
      jobs.addAll(pending.jobs);
      now = pending.now.isAfter(now) ? pending.now : now;
    }
    var committed = new boolean[1];
    JobStore.Inserted inserted;
    long started = System.nanoTime();
    try {
      inserted = insert.insert(jobs, now, () -> committed[0] = true);
    } catch (RuntimeException | Error e) {
      if (!committed[0] && mayBeOneSubmits(e)) {
        // Nothing of the batch was stored, and the fault may lie with one submit's jobs: each
        // submit alone, for its own result or its own error.
        batch.forEach(this::insertAlone);
      } else {
        // The store failed (or failed after the commit): the same answer for every submit, at
        // once, rather than one more timeout per submit.
        batch.forEach(pending -> pending.fail(e));
      }
      return;
    }
    live.onSubmitCommitted(batch.size(), jobs.size(), System.nanoTime() - started);
    List<Submission> submissions = inserted.submissions();
    int from = 0;
    for (Pending pending : batch) {
      int to = from + pending.jobs.size();
      pending.succeed(List.copyOf(submissions.subList(from, to)));
      from = to;
    }
  }

  /** Whether {@code error} may concern some of a shared transaction's jobs and not the others. */
  private static boolean mayBeOneSubmits(Throwable error) {
    return error instanceof IdempotencyConflictException
        || error instanceof InvalidRequestException
        || (error instanceof StoreException store && store.refusedData());
  }

  private void insertAlone(Pending pending) {
    long started = System.nanoTime();
    try {
      JobStore.Inserted inserted = insert.insert(pending.jobs, pending.now, () -> {});
      live.onSubmitCommitted(1, pending.jobs.size(), System.nanoTime() - started);
      pending.succeed(inserted.submissions());
    } catch (RuntimeException | Error e) {
      pending.fail(e);
    }
  }

  /** One submit's jobs, and, once its transaction ended, its submissions or its error. */
  private static final class Pending {
    final List<NewJob> jobs;
    final Instant now;
    final Thread thread = Thread.currentThread();
    private List<Submission> submissions;
    private Throwable error;
    volatile boolean done;

    Pending(List<NewJob> jobs, Instant now) {
      this.jobs = jobs;
      this.now = now;
    }

    void succeed(List<Submission> submissions) {
      this.submissions = submissions;
      finish();
    }

    void fail(Throwable error) {
      this.error = error;
      finish();
    }

    private void finish() {
      done = true;
      if (thread != Thread.currentThread()) {
        LockSupport.unpark(thread);
      }
    }

    List<Submission> result() {
      if (error instanceof RuntimeException e) {
        throw e;
      }
      if (error instanceof Error e) {
        throw e;
      }
      return submissions;
    }
  }
}
