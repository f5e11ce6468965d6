package org.rpa.core.engine;

import static org.rpa.core.schedule.TaskNames.CLEANUP_OLD_EVIDENCE;
import static org.rpa.core.schedule.TaskNames.COLLECT_METRICS;
import static org.rpa.core.schedule.TaskNames.POLL_JOB_QUEUE;
import static org.rpa.core.schedule.TaskNames.POLL_WORKER_JOB_STATUS;
import static org.rpa.core.schedule.TaskNames.RECOVER_STALE_JOBS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;
import org.rpa.core.job.Jobs;
import org.rpa.core.metrics.MetricsHistory;
import org.rpa.core.schedule.BackgroundTask;
import org.rpa.core.schedule.Schedules;
import org.rpa.core.schedule.TaskNames;
import org.rpa.core.schedule.Trigger;
import org.rpa.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five documented background tasks that {@code GET /scheduler} lists, registered on an engine's
 * {@link Schedules}. Tasks that keep one instance's own state run on every instance; the others are
 * singletons in a cluster, behind a lease in {@code task_locks}. Not API.
 */
final class BackgroundTasks {
  /** Every task's name. */
  static final Set<String> NAMES = TaskNames.ALL;

  /** Tasks that act on this instance alone: every instance runs them. */
  private static final Set<String> PER_INSTANCE =
      Set.of(POLL_JOB_QUEUE, COLLECT_METRICS, POLL_WORKER_JOB_STATUS);

  private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);

  private BackgroundTasks() {}

  static Schedules create(Engine engine) {
    EngineConfig config = engine.config();
    Clock clock = config.clock();
    JobStore store = engine.store();
    String owner = engine.executor().id();
    EngineHooks hooks = config.hooks();
    var schedules =
        new Schedules(
            clock,
            (task, until) -> {
              if (PER_INSTANCE.contains(task)) {
                return true;
              }
              Instant now = clock.instant();
              return store.tryLockTask(task, owner, now, until.isAfter(now) ? until : now);
            });
    register(
        schedules,
        hooks,
        POLL_JOB_QUEUE,
        Trigger.every(Duration.ofSeconds(30)),
        () -> {
          engine.dispatcher().promoteDue();
          engine.dispatchWaiter().wake();
        });
    register(
        schedules,
        hooks,
        COLLECT_METRICS,
        Trigger.every(Duration.ofMinutes(5)),
        engine::collectMetrics);
    register(
        schedules,
        hooks,
        CLEANUP_OLD_EVIDENCE,
        Trigger.dailyAt(LocalTime.of(2, 0), config.scheduleZone()),
        () -> {
          purgeFinishedJobs(engine.jobs(), clock.instant().minus(config.jobRetention()));
          pruneSnapshots(
              engine.metrics().history(), clock.instant().minus(config.metricsRetention()));
        });
    register(
        schedules,
        hooks,
        RECOVER_STALE_JOBS,
        Trigger.every(Duration.ofMinutes(10)),
        () -> {
          engine.sweeper().runOnce();
          pruneExecutors(store, clock.instant().minus(config.executorRetention()));
        });
    register(
        schedules,
        hooks,
        POLL_WORKER_JOB_STATUS,
        Trigger.every(Duration.ofSeconds(30)),
        engine::pollWorkers);
    return schedules;
  }

  private static void register(
      Schedules schedules, EngineHooks hooks, String name, Trigger trigger, BackgroundTask task) {
    schedules.register(name, trigger, hooks.around(name, task));
  }

  /** Deletes the rows of executors whose lease ended before the cutoff. */
  static int pruneExecutors(JobStore store, Instant cutoff) {
    int pruned = store.pruneExecutors(cutoff);
    if (pruned > 0) {
      log.info("Retention: deleted {} executor(s) whose lease ended before {}", pruned, cutoff);
    }
    return pruned;
  }

  /** Deletes the metrics snapshots taken before the cutoff. */
  static int pruneSnapshots(MetricsHistory history, Instant cutoff) {
    int pruned = history.pruneBefore(cutoff);
    if (pruned > 0) {
      log.info("Retention: deleted {} metrics snapshot(s) taken before {}", pruned, cutoff);
    }
    return pruned;
  }

  /** Deletes finished jobs (with their executions, steps and log) that ended before the cutoff. */
  static int purgeFinishedJobs(Jobs jobs, Instant cutoff) {
    int total = jobs.purgeFinishedBefore(cutoff);
    if (total > 0) {
      log.info("Retention: deleted {} job(s) that finished before {}", total, cutoff);
    }
    return total;
  }
}
