package org.rpa.core.supervise;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.rpa.core.supervise.LoopStatus.Status;
import org.rpa.core.supervise.RestartEvent.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's restart rules applied to one loop: crash, backoff, failure, stability reset.
 * Every method runs under the {@link Supervisor}'s lock and adds each status change to {@code
 * changes}, which the supervisor publishes after releasing the lock.
 */
final class LoopLifecycle {
  private static final Logger log = LoggerFactory.getLogger(LoopLifecycle.class);

  private final Clock clock;
  private final RestartPolicy policy;
  private final RestartHistory history;

  LoopLifecycle(Clock clock, RestartPolicy policy, RestartHistory history) {
    this.clock = clock;
    this.policy = policy;
    this.history = history;
  }

  /** The current run of {@code loop} threw: crashed, then failed or counted for a restart. */
  void crash(LoopRunner runner, Throwable error, List<LoopStatus> changes) {
    runner.run = null;
    Instant now = clock.instant();
    forgiveIfStable(runner, now);
    runner.lastCrashedAt = now;
    runner.error = Objects.requireNonNullElse(error.getMessage(), error.getClass().getName());
    set(runner, Status.CRASHED, changes);
    record(runner, Kind.CRASHED, runner.error);
    if (runner.restartCount >= policy.maxRestarts()) {
      set(runner, Status.FAILED, changes);
      record(runner, Kind.FAILED, runner.error);
      log.error("Loop '{}' failed after {} restarts", runner.name, runner.restartCount, error);
    } else {
      runner.restartCount++;
      log.warn("Loop '{}' crashed; restart {} is due", runner.name, runner.restartCount, error);
    }
  }

  /** The supervisor's pass over one loop; true if it restarted it. */
  boolean tick(LoopRunner runner, Instant now, List<LoopStatus> changes) {
    if (runner.status == Status.RUNNING && forgiveIfStable(runner, now)) {
      changes.add(snapshot(runner));
    } else if (runner.status == Status.CRASHED && backoffPassed(runner, now)) {
      set(runner, Status.RESTARTING, changes);
      launch(runner, changes);
      record(runner, Kind.SUCCESS, null);
      log.info("Restarted loop '{}' (restart {})", runner.name, runner.restartCount);
      return true;
    }
    return false;
  }

  boolean forgiveIfStable(LoopRunner runner, Instant now) {
    if (runner.restartCount == 0 || runner.lastStartedAt == null) {
      return false;
    }
    if (runner.lastStartedAt.plus(policy.stableAfter()).isAfter(now)) {
      return false;
    }
    runner.restartCount = 0;
    return true;
  }

  boolean backoffPassed(LoopRunner runner, Instant now) {
    Instant due = runner.lastCrashedAt.plus(policy.backoff(runner.restartCount));
    return !due.isAfter(now);
  }

  void launch(LoopRunner runner, List<LoopStatus> changes) {
    runner.lastStartedAt = clock.instant();
    set(runner, Status.RUNNING, changes);
    runner.startThread();
  }

  Thread halt(LoopRunner runner, Status to, List<LoopStatus> changes) {
    LoopRunner.Run detached = runner.detach();
    set(runner, to, changes);
    return detached == null ? null : detached.thread;
  }

  void set(LoopRunner runner, Status to, List<LoopStatus> changes) {
    LoopTransitions.check(runner.name, runner.status, to, "set to " + to);
    runner.status = to;
    changes.add(snapshot(runner));
  }

  void record(LoopRunner runner, Kind kind, String error) {
    history.add(new RestartEvent(runner.name, clock.instant(), runner.restartCount, kind, error));
  }

  LoopStatus snapshot(LoopRunner runner) {
    return runner.snapshot(policy.maxRestarts());
  }
}
