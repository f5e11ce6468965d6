package org.rpa.core.supervise;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.rpa.core.supervise.RestartEvent.Kind;
import org.rpa.core.supervise.WorkerStatus.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's restart rules applied to one worker: crash, backoff, failure, stability reset.
 * Every method runs under the {@link Supervisor}'s lock and adds each status change to {@code
 * changes}, which the supervisor publishes after releasing the lock.
 */
final class WorkerLifecycle {
  private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

  private final Clock clock;
  private final RestartPolicy policy;
  private final RestartHistory history;

  WorkerLifecycle(Clock clock, RestartPolicy policy, RestartHistory history) {
    this.clock = clock;
    this.policy = policy;
    this.history = history;
  }

  /** The current run of {@code worker} threw: crashed, then failed or counted for a restart. */
  void crash(SupervisedWorker worker, Throwable error, List<WorkerStatus> changes) {
    worker.run = null;
    Instant now = clock.instant();
    forgiveIfStable(worker, now);
    worker.lastCrashedAt = now;
    worker.error = Objects.requireNonNullElse(error.getMessage(), error.getClass().getName());
    set(worker, Status.CRASHED, changes);
    record(worker, Kind.CRASHED, worker.error);
    if (worker.restartCount >= policy.maxRestarts()) {
      set(worker, Status.FAILED, changes);
      record(worker, Kind.FAILED, worker.error);
      log.error("Worker '{}' failed after {} restarts", worker.name, worker.restartCount, error);
    } else {
      worker.restartCount++;
      log.warn("Worker '{}' crashed; restart {} is due", worker.name, worker.restartCount, error);
    }
  }

  /** The supervisor's pass over one worker; true if it restarted it. */
  boolean tick(SupervisedWorker worker, Instant now, List<WorkerStatus> changes) {
    if (worker.status == Status.RUNNING && forgiveIfStable(worker, now)) {
      changes.add(snapshot(worker));
    } else if (worker.status == Status.CRASHED && backoffPassed(worker, now)) {
      set(worker, Status.RESTARTING, changes);
      launch(worker, changes);
      record(worker, Kind.SUCCESS, null);
      log.info("Restarted worker '{}' (restart {})", worker.name, worker.restartCount);
      return true;
    }
    return false;
  }

  boolean forgiveIfStable(SupervisedWorker worker, Instant now) {
    if (worker.restartCount == 0 || worker.lastStartedAt == null) {
      return false;
    }
    if (worker.lastStartedAt.plus(policy.stableAfter()).isAfter(now)) {
      return false;
    }
    worker.restartCount = 0;
    return true;
  }

  boolean backoffPassed(SupervisedWorker worker, Instant now) {
    Instant due = worker.lastCrashedAt.plus(policy.backoff(worker.restartCount));
    return !due.isAfter(now);
  }

  void launch(SupervisedWorker worker, List<WorkerStatus> changes) {
    worker.lastStartedAt = clock.instant();
    set(worker, Status.RUNNING, changes);
    worker.startThread();
  }

  Thread halt(SupervisedWorker worker, Status to, List<WorkerStatus> changes) {
    SupervisedWorker.Run detached = worker.detach();
    set(worker, to, changes);
    return detached == null ? null : detached.thread;
  }

  void set(SupervisedWorker worker, Status to, List<WorkerStatus> changes) {
    WorkerTransitions.check(worker.name, worker.status, to, "set to " + to);
    worker.status = to;
    changes.add(snapshot(worker));
  }

  void record(SupervisedWorker worker, Kind kind, String error) {
    history.add(new RestartEvent(worker.name, clock.instant(), worker.restartCount, kind, error));
  }

  WorkerStatus snapshot(SupervisedWorker worker) {
    return worker.snapshot(policy.maxRestarts());
  }
}
