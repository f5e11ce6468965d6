package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpa.core.job.Healing;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobId;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.job.StepRecorder;
import org.rpa.core.json.Json;
import org.rpa.core.store.ClaimedJob;

/**
 * One claimed job on its way through a local executor, and the {@link JobContext} its handler sees.
 * Exactly one of the handler's return, a timeout or a cancellation "finishes" it ({@link
 * #tryFinish()}); the others are then ignored.
 *
 * <p>Thread-safe.
 */
final class Task implements JobContext, StepRecorder {
  private final ClaimedJob job;
  private final Clock clock;
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicInteger phase = new AtomicInteger(NEW);
  private static final int NEW = 0;
  private static final int BEGUN = 1;
  private static final int RELEASED = 2;
  private final List<Step> steps = new ArrayList<>();
  private final Object threadLock = new Object();
  private Thread handlerThread;
  private volatile Instant startedAt;
  private volatile long startedTick;
  private volatile String stopReason;

  Task(ClaimedJob job, Clock clock) {
    this.job = job;
    this.clock = clock;
  }

  ClaimedJob job() {
    return job;
  }

  Instant startedAt() {
    return startedAt;
  }

  String stopReason() {
    return stopReason;
  }

  /** The handler starts at {@code at} by the clock and at {@code tick} by the ticker. */
  void started(Instant at, long tick) {
    this.startedTick = tick;
    this.startedAt = at;
  }

  /** How long the handler has run at {@code tick}, by the ticker: a clock set meanwhile aside. */
  Duration ranFor(long tick) {
    return Duration.ofNanos(tick - startedTick);
  }

  /** The pool thread takes the task to run it; false if it was released first. */
  boolean begin() {
    return phase.compareAndSet(NEW, BEGUN);
  }

  /** Takes back a task no thread has begun, for a clean shutdown; false if one has. */
  boolean release() {
    if (phase.compareAndSet(NEW, RELEASED)) {
      finished.set(true);
      return true;
    }
    return false;
  }

  /** Marks the handler as running in the current thread, so that a stop may interrupt it. */
  void enterHandler() {
    synchronized (threadLock) {
      handlerThread = Thread.currentThread();
    }
  }

  /**
   * The handler returned: no later stop may interrupt this thread; a pending interrupt is cleared.
   */
  void leaveHandler() {
    synchronized (threadLock) {
      handlerThread = null;
      Thread.interrupted();
    }
  }

  /** Claims the right to finish this task; true for exactly one caller. */
  boolean tryFinish() {
    return finished.compareAndSet(false, true);
  }

  boolean isFinished() {
    return finished.get();
  }

  /** Signals the handler to stop (cancellation, timeout, lost lease) and interrupts it. */
  void stop(String reason) {
    stopReason = reason;
    cancelled.countDown();
    synchronized (threadLock) {
      if (handlerThread != null) {
        handlerThread.interrupt();
      }
    }
  }

  synchronized List<Step> recordedSteps() {
    return List.copyOf(steps);
  }

  @Override
  public JobId jobId() {
    return job.id();
  }

  @Override
  public String provider() {
    return job.provider();
  }

  @Override
  public String action() {
    return job.action();
  }

  @Override
  public Map<String, Object> params() {
    return job.params();
  }

  @Override
  public int attempt() {
    return job.attempt();
  }

  @Override
  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  @Override
  public boolean awaitCancellation(Duration timeout) throws InterruptedException {
    return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public StepRecorder steps() {
    return this;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public synchronized void record(
      String name,
      StepOutcome outcome,
      Healing healing,
      Duration duration,
      Map<String, ?> details) {
    steps.add(
        new Step(
            steps.size() + 1,
            name,
            outcome,
            healing,
            duration,
            clock.instant(),
            Json.normalize("details", details)));
  }
}
