package org.rpa.core.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rpa.core.internal.StateMachine;
import org.rpa.core.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes executors' starts and finishes in batches: every transition queued while the previous
 * batch was committing goes into the next one, so a busy executor shares one commit among many jobs
 * and an idle one commits at once (group commit, no timer). Each transition still gets its
 * execution row and its log row in the same transaction, and its event after the commit.
 *
 * <p>Thread-safe: any thread may {@link #enqueue}; one thread at a time runs {@link #flush}.
 */
public final class Writer {
  private static final Logger log = LoggerFactory.getLogger(Writer.class);
  static final int MAX_BATCH = 2_000;

  private final StateMachine states;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

  public Writer(StateMachine states) {
    this.states = states;
  }

  /** A transition to write, and what to do if it did not take effect (null: nothing). */
  record Pending(Transition transition, Consumer<Transition> onRejected) {}

  public void enqueue(Transition transition, Consumer<Transition> onRejected) {
    queue.add(new Pending(transition, onRejected));
  }

  /** How many transitions wait to be written. */
  public int backlog() {
    return queue.size();
  }

  /**
   * Waits up to {@code timeout} for work, then writes everything queued, in batches.
   *
   * @return how many transitions were written or rejected
   */
  public int awaitAndFlush(Duration timeout) throws InterruptedException {
    Pending first = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (first == null) {
      return 0;
    }
    var batch = new ArrayList<Pending>();
    batch.add(first);
    queue.drainTo(batch, MAX_BATCH - 1);
    write(batch);
    return batch.size() + flush();
  }

  /**
   * Writes everything queued now, in the caller's thread. If the store fails, the batch goes back
   * to the head of the queue and the exception propagates, so nothing is lost.
   *
   * @return how many transitions were written or rejected
   */
  public int flush() {
    int total = 0;
    while (true) {
      var batch = new ArrayList<Pending>();
      queue.drainTo(batch, MAX_BATCH);
      if (batch.isEmpty()) {
        return total;
      }
      write(batch);
      total += batch.size();
    }
  }

  private void write(List<Pending> batch) {
    var transitions = new ArrayList<Transition>(batch.size());
    batch.forEach(p -> transitions.add(p.transition()));
    List<Transition> applied;
    try {
      applied = states.apply(transitions);
    } catch (RuntimeException e) {
      requeue(batch);
      throw e;
    }
    if (applied.size() == batch.size()) {
      return;
    }
    Set<Transition> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    taken.addAll(applied);
    for (Pending pending : batch) {
      if (!taken.contains(pending.transition()) && pending.onRejected() != null) {
        try {
          pending.onRejected().accept(pending.transition());
        } catch (RuntimeException e) {
          log.warn("Rejection handler failed for job {}", pending.transition().jobId(), e);
        }
      }
    }
  }

  private void requeue(List<Pending> batch) {
    var rest = new ArrayList<Pending>();
    queue.drainTo(rest);
    queue.addAll(batch);
    queue.addAll(rest);
  }
}
