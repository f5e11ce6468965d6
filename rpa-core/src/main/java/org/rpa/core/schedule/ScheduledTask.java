package org.rpa.core.schedule;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** One registered task: its fixed parts and its state, swapped atomically as a whole. */
final class ScheduledTask {
  /** The mutable part of a task, as an immutable value. Nullable fields as in TaskStatus. */
  record State(
      Instant nextRun, Instant lastRun, String lastError, long runCount, long failureCount) {
    State withNextRun(Instant next) {
      return new State(next, lastRun, lastError, runCount, failureCount);
    }

    State ran(Instant startedAt, String error) {
      return new State(
          nextRun, startedAt, error, runCount + 1, failureCount + (error == null ? 0 : 1));
    }
  }

  final String name;
  final Trigger trigger;
  final BackgroundTask task;
  final AtomicReference<State> state;

  ScheduledTask(String name, Trigger trigger, BackgroundTask task, Instant now) {
    this.name = name;
    this.trigger = trigger;
    this.task = task;
    this.state = new AtomicReference<>(fresh(now));
  }

  State fresh(Instant now) {
    return new State(trigger.nextAfter(now).orElse(null), null, null, 0, 0);
  }

  boolean isDue(Instant now) {
    Instant next = state.get().nextRun();
    return next != null && !next.isAfter(now);
  }

  /**
   * The fire time after {@code scheduled}; if that is already past (missed periods), the first fire
   * time after {@code now} instead, so a backlog collapses into the one run just done.
   */
  Instant nextAfterRun(Instant scheduled, Instant now) {
    Instant base = scheduled == null ? now : scheduled;
    Instant candidate = trigger.nextAfter(base).orElse(null);
    if (candidate != null && !candidate.isAfter(now)) {
      return trigger.nextAfter(now).orElse(null);
    }
    return candidate;
  }

  TaskStatus status() {
    State current = state.get();
    return new TaskStatus(
        name,
        name,
        trigger,
        trigger.describe(),
        current.nextRun(),
        current.lastRun(),
        current.lastError(),
        current.runCount(),
        current.failureCount());
  }
}
