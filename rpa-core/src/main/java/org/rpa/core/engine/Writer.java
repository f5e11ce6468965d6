package org.rpa.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes executors' starts and finishes in batches: every transition queued while the previous
 * batch was committing goes into the next one, so a busy executor shares one commit among many jobs
 * and a small batch waits up to {@link #LINGER} for company (group commit with a short linger), so
 * a quick job's start and finish are written as one change and an idle executor's jobs share
 * commits. Each transition still gets its execution row and its log row in the same transaction,
 * and its event after the commit.
 *
 * <p>Thread-safe: any thread may {@link #enqueue}; one thread at a time runs {@link #flush}.
 */
final class Writer {
  private static final Logger log = LoggerFactory.getLogger(Writer.class);
  static final int MAX_BATCH = 2_000;

  /**
   * How long a small batch waits for company. Each of the writer's commits is one more that a
   * submitter's own commit may queue behind (an H2 store writes one chunk at a time): with 5 ms
   * instead of 2 the writer commits about half as often while jobs arrive one by one, and a lone
   * producer's submits went 10-20 % faster in alternating runs (docs/performance.md).
   */
  static final Duration LINGER = Duration.ofMillis(5);

  private final StateMachine states;
  private final int lingerTarget;
  private final LiveCounters live;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

  /**
   * @param lingerTarget how many transitions a batch may wait up to {@link #LINGER} to gather (the
   *     executor's concurrency: about what one pass of its threads finishes); 1 never waits
   * @param live where each commit's size and duration are counted
   */
  public Writer(StateMachine states, int lingerTarget, LiveCounters live) {
    this.states = states;
    this.lingerTarget = lingerTarget;
    this.live = live;
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
    linger(batch);
    write(batch);
    return batch.size() + flush();
  }

  /**
   * Lets a small batch gather for up to {@link #LINGER} after its first transition, until it holds
   * {@code lingerTarget} transitions: a quick job's finish follows its start within microseconds,
   * so the store writes the pair as one row change, and jobs finishing close together share one
   * commit instead of one each. A batch that is already that big goes at once. Only starts and
   * finishes wait here: neither is an acknowledgement anyone waits for, and handlers keep running.
   */
  private void linger(List<Pending> batch) throws InterruptedException {
    long deadline = System.nanoTime() + LINGER.toNanos();
    while (batch.size() < lingerTarget) {
      long left = deadline - System.nanoTime();
      Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, MAX_BATCH - batch.size());
    }
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
      long started = System.nanoTime();
      applied = states.apply(transitions);
      live.onCommitted(transitions.size(), System.nanoTime() - started);
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
          log.warn("Rejection handler failed for job {}", pending.transition().job().id(), e);
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
