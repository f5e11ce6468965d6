package org.rpa.core.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.rpa.core.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named background tasks of the engine (poll the job queue, collect metrics, clean up evidence)
 * and when each runs next. Nothing here creates threads: the orchestrator calls {@link #runDue()}
 * from its own supervised loop, and tests call it after advancing a clock.
 *
 * <p><b>Misfires.</b> When several fire times were missed (the clock jumped, the process was down,
 * a run overran), the task runs <em>once</em> and its next run is the first fire time after now: an
 * interval task is due again at now + period, a cron task at its next fire time after now. Runs
 * that were on time stay on their fixed grid (fixed rate, no drift).
 *
 * <p><b>Cluster.</b> Before each due run the {@link TaskLock} is asked for the task until its next
 * fire time; when refused, the run is skipped and the task is rescheduled as if it had run.
 *
 * <p>Thread-safe. {@link #status()} never blocks; {@link #runDue()}, {@link #runNow(String)} and
 * {@link #reset()} are serialized, so a task never runs twice at once in one instance.
 */
public final class Schedules {
  /** Task names: lower-case snake case, as {@code GET /scheduler} shows them. */
  public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

  private static final Logger log = LoggerFactory.getLogger(Schedules.class);

  private final Clock clock;
  private final TaskLock taskLock;
  private final List<ScheduledTask> tasks = new CopyOnWriteArrayList<>();
  private final ReentrantLock runLock = new ReentrantLock();
  private volatile boolean running;

  /** Schedules on {@code clock} for a single instance (the lock always grants). */
  public Schedules(Clock clock) {
    this(clock, TaskLock.ALWAYS_GRANTED);
  }

  /** Schedules on {@code clock} that take {@code taskLock} before each due run. */
  public Schedules(Clock clock, TaskLock taskLock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.taskLock = Objects.requireNonNull(taskLock, "taskLock");
  }

  /**
   * Registers a task; its first run is the trigger's first fire time after now.
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws IllegalStateException if a task with that name is already registered
   */
  public void register(String name, Trigger trigger, BackgroundTask task) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException("name", name, "must match " + NAME.pattern());
    }
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(task, "task");
    synchronized (tasks) {
      if (find(name).isPresent()) {
        throw new IllegalStateException("Task '" + name + "' is already registered");
      }
      tasks.add(new ScheduledTask(name, trigger, task, clock.instant()));
    }
  }

  /** A snapshot of every task, in registration order. Never blocks on a running task. */
  public SchedulerStatus status() {
    List<TaskStatus> jobs = tasks.stream().map(ScheduledTask::status).toList();
    return new SchedulerStatus(running, jobs.size(), jobs);
  }

  /** Marks the scheduler started or stopped, as {@link SchedulerStatus#running()} reports it. */
  public void setRunning(boolean running) {
    this.running = running;
  }

  /**
   * Re-creates every task's schedule from now: next runs recomputed, last error and counters
   * cleared.
   *
   * @return how many tasks there are
   */
  public int reset() {
    runLock.lock();
    try {
      Instant now = clock.instant();
      tasks.forEach(task -> task.state.set(task.fresh(now)));
      log.info("Reset {} scheduled tasks", tasks.size());
      return tasks.size();
    } finally {
      runLock.unlock();
    }
  }

  /**
   * Runs, in the caller's thread and one after the other, every task whose next run is at or before
   * now, then schedules each one's next run (see the misfire rule above). A task that throws is
   * logged and counted; the others still run.
   *
   * @return how many tasks ran (skipped because the {@link TaskLock} was refused do not count)
   */
  public int runDue() {
    runLock.lock();
    try {
      int ran = 0;
      for (ScheduledTask task : tasks) {
        Instant now = clock.instant();
        if (!task.isDue(now)) {
          continue;
        }
        Instant scheduled = task.state.get().nextRun();
        Instant lockUntil = Objects.requireNonNullElse(task.nextAfterRun(scheduled, now), now);
        if (taskLock.tryAcquire(task.name, lockUntil)) {
          execute(task, now);
          ran++;
        } else {
          log.debug("Task '{}' is locked by another instance until {}", task.name, lockUntil);
        }
        Instant next = task.nextAfterRun(scheduled, clock.instant());
        task.state.updateAndGet(state -> state.withNextRun(next));
      }
      return ran;
    } finally {
      runLock.unlock();
    }
  }

  /** The earliest next run of any task, or empty if none will run again. */
  public Optional<Instant> nextDueAt() {
    return tasks.stream()
        .map(task -> task.state.get().nextRun())
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  /**
   * Runs the task now, in the caller's thread, without asking the {@link TaskLock} and without
   * moving its next run. A failure is recorded like in {@link #runDue()}, never thrown.
   *
   * @throws NoSuchElementException if no task has that name
   */
  public void runNow(String name) {
    ScheduledTask task =
        find(name).orElseThrow(() -> new NoSuchElementException("No task named '" + name + "'"));
    runLock.lock();
    try {
      execute(task, clock.instant());
    } finally {
      runLock.unlock();
    }
  }

  private void execute(ScheduledTask task, Instant startedAt) {
    String error = null;
    try {
      task.task.run();
    } catch (Exception | LinkageError | AssertionError e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      error = Objects.requireNonNullElse(e.getMessage(), e.getClass().getName());
      log.warn("Background task '{}' failed", task.name, e);
    }
    String outcome = error;
    task.state.updateAndGet(state -> state.ran(startedAt, outcome));
  }

  private Optional<ScheduledTask> find(String name) {
    return tasks.stream().filter(task -> task.name.equals(name)).findFirst();
  }
}
