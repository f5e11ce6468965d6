package org.rpa.core.supervise;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.supervise.RestartEvent.Kind;
import org.rpa.core.supervise.WorkerStatus.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every background loop of the engine in its own daemon thread ({@code rpa-<name>-N}) and
 * restarts crashed ones with exponential backoff.
 *
 * <p>When a loop throws, its thread ends and the worker is {@code CRASHED} (a {@code crashed}
 * history entry, attempt = restarts so far). If it has already been restarted {@link
 * RestartPolicy#maxRestarts()} times it becomes {@code FAILED} (a {@code failed} entry) and stays
 * down until {@link #resetWorker} or {@link #startWorker}; otherwise its restart count goes up and
 * {@link #runOnce()} restarts it once {@link RestartPolicy#backoff(int)} has passed on the clock (a
 * {@code success} entry). A worker that has run {@link RestartPolicy#stableAfter()} without
 * crashing gets its restart count set back to 0.
 *
 * <p>With {@link Builder#supervisorThread(boolean)} (the default) {@link #start()} also starts
 * {@code rpa-supervisor-1}, which calls {@link #runOnce()} every 100 ms and at once after a crash;
 * without it, the caller drives {@link #runOnce()} (tests, {@code ManualOrchestrator}).
 *
 * <p>Thread-safe. Listeners are called outside the internal lock, from the thread that made the
 * change; a listener that throws is logged and never reaches the caller.
 */
public final class Supervisor {
  /** Worker names, as the supervisor's HTTP routes validate them. */
  public static final Pattern NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]*$");

  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
  static final Duration SUPERVISOR_INTERVAL = Duration.ofMillis(100);
  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

  private final Clock clock;
  private final RestartPolicy policy;
  private final boolean ownThread;
  private final Duration stopTimeout;
  private final Object lock = new Object();
  private final Map<String, SupervisedWorker> workers = new LinkedHashMap<>();
  private final RestartHistory history = new RestartHistory();
  private final WorkerListeners listeners = new WorkerListeners();
  private final WorkerLifecycle lifecycle;
  private final Waiter supervisorWaiter = new Waiter();
  private final SupervisorThread supervisorThread;
  private volatile boolean running;

  private Supervisor(Builder builder) {
    this.clock = builder.clock;
    this.policy = builder.policy;
    this.ownThread = builder.supervisorThread;
    this.stopTimeout = builder.stopTimeout;
    this.supervisorThread = new SupervisorThread(this, supervisorWaiter);
    this.lifecycle = new WorkerLifecycle(clock, policy, history);
  }

  /** A builder with the defaults: system UTC clock, default policy, own supervisor thread. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds a worker; if the supervisor is running, the worker starts at once.
   *
   * @throws InvalidRequestException if the loop's name does not match {@link #NAME}
   * @throws IllegalStateException if a worker with that name is already registered
   */
  public void register(SupervisedLoop loop) {
    Objects.requireNonNull(loop, "loop");
    String name = validName("name", loop.name());
    List<WorkerStatus> changes = new ArrayList<>();
    synchronized (lock) {
      if (workers.containsKey(name)) {
        throw new IllegalStateException("Worker '" + name + "' is already registered");
      }
      SupervisedWorker worker = new SupervisedWorker(loop, this::crashed);
      workers.put(name, worker);
      if (running) {
        lifecycle.launch(worker, changes);
      }
    }
    listeners.publish(changes);
  }

  /** Starts every stopped worker (and the supervisor thread, if enabled). Idempotent. */
  public void start() {
    List<WorkerStatus> changes = new ArrayList<>();
    synchronized (lock) {
      if (running) {
        return;
      }
      running = true;
      workers.values().stream()
          .filter(worker -> worker.status == Status.STOPPED)
          .forEach(worker -> lifecycle.launch(worker, changes));
      if (ownThread) {
        supervisorThread.start();
      }
    }
    log.info("Supervisor started with {} workers", changes.size());
    listeners.publish(changes);
  }

  /**
   * Stops the supervisor thread and every worker; failed workers stay failed. Waits for the threads
   * half of the stop timeout, then interrupts them and waits the other half. Idempotent.
   */
  public void stop() {
    List<WorkerStatus> changes = new ArrayList<>();
    List<Thread> stopping = new ArrayList<>();
    synchronized (lock) {
      if (!running) {
        return;
      }
      running = false;
      stopping.add(supervisorThread.stop());
      for (SupervisedWorker worker : workers.values()) {
        if (WorkerTransitions.isLegal(worker.status, Status.STOPPED)) {
          stopping.add(lifecycle.halt(worker, Status.STOPPED, changes));
        }
      }
    }
    listeners.publish(changes);
    StopJoiner.join(stopping, stopTimeout);
    log.info("Supervisor stopped");
  }

  /** Whether {@link #start()} was called and {@link #stop()} was not called since. */
  public boolean isRunning() {
    return running;
  }

  /** A snapshot of every worker, in registration order. */
  public List<WorkerStatus> workers() {
    synchronized (lock) {
      return workers.values().stream().map(lifecycle::snapshot).toList();
    }
  }

  /**
   * A snapshot of one worker, or empty if no worker has that name.
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   */
  public Optional<WorkerStatus> worker(String name) {
    validName("name", name);
    synchronized (lock) {
      return Optional.ofNullable(workers.get(name)).map(lifecycle::snapshot);
    }
  }

  /**
   * Starts a stopped, crashed or failed worker now (no backoff; the restart count is kept).
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownWorkerException if no worker has that name
   * @throws IllegalStateException if the worker is running or restarting
   */
  public void startWorker(String name) {
    List<WorkerStatus> changes = new ArrayList<>();
    synchronized (lock) {
      SupervisedWorker worker = find(name);
      WorkerTransitions.check(name, worker.status, Status.RUNNING, "started");
      lifecycle.launch(worker, changes);
    }
    listeners.publish(changes);
  }

  /**
   * Stops a running or crashed worker (a crashed one is then not restarted) and waits for its
   * thread within the stop timeout.
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownWorkerException if no worker has that name
   * @throws IllegalStateException if the worker is already stopped or failed
   */
  public void stopWorker(String name) {
    List<WorkerStatus> changes = new ArrayList<>();
    Thread stopping;
    synchronized (lock) {
      SupervisedWorker worker = find(name);
      WorkerTransitions.check(name, worker.status, Status.STOPPED, "stopped");
      stopping = lifecycle.halt(worker, Status.STOPPED, changes);
    }
    listeners.publish(changes);
    StopJoiner.join(Collections.singletonList(stopping), stopTimeout);
  }

  /**
   * Stops the worker if it runs, waits for its thread, and starts it again; the history records
   * {@code manual}. The restart count is kept.
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownWorkerException if no worker has that name
   * @throws IllegalStateException if the worker is already restarting
   */
  public void restartWorker(String name) {
    List<WorkerStatus> changes = new ArrayList<>();
    Thread stopping;
    synchronized (lock) {
      SupervisedWorker worker = find(name);
      WorkerTransitions.check(name, worker.status, Status.RESTARTING, "restarted");
      stopping = lifecycle.halt(worker, Status.RESTARTING, changes);
    }
    listeners.publish(changes);
    StopJoiner.join(Collections.singletonList(stopping), stopTimeout);
    changes.clear();
    synchronized (lock) {
      SupervisedWorker worker = find(name);
      // Someone may have stopped it while we waited for the old thread: then it stays stopped.
      if (worker.status == Status.RESTARTING) {
        lifecycle.launch(worker, changes);
        lifecycle.record(worker, Kind.MANUAL, null);
      }
    }
    listeners.publish(changes);
  }

  /**
   * Sets the worker's restart count to 0; a failed worker is started again ({@code manual} in the
   * history).
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownWorkerException if no worker has that name
   */
  public void resetWorker(String name) {
    List<WorkerStatus> changes = new ArrayList<>();
    synchronized (lock) {
      SupervisedWorker worker = find(name);
      worker.restartCount = 0;
      if (worker.status == Status.FAILED) {
        lifecycle.launch(worker, changes);
        lifecycle.record(worker, Kind.MANUAL, null);
      } else {
        changes.add(lifecycle.snapshot(worker));
      }
    }
    listeners.publish(changes);
  }

  /**
   * Ends the worker's current wait so its next pass runs now (or skips its next wait).
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownWorkerException if no worker has that name
   */
  public void wake(String name) {
    synchronized (lock) {
      find(name).waiter.wake();
    }
  }

  /** The restart events of all workers, newest first when paged. */
  public RestartHistory history() {
    return history;
  }

  /** Shorthand for {@code history().page(workerNameOrNull, limit, offset)}. */
  public RestartHistoryPage restartHistory(String workerNameOrNull, int limit, int offset) {
    return history.page(workerNameOrNull, limit, offset);
  }

  /** Calls {@code listener} with a snapshot on every status or restart count change. */
  public void addListener(Consumer<WorkerStatus> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling {@code listener}. */
  public void removeListener(Consumer<WorkerStatus> listener) {
    listeners.remove(listener);
  }

  /**
   * The supervisor's own pass: restarts every crashed worker whose backoff has passed on the clock,
   * and sets the restart count of workers stable for {@link RestartPolicy#stableAfter()} back to 0.
   * Does nothing while the supervisor is stopped.
   *
   * @return how many workers it restarted
   */
  public int runOnce() {
    List<WorkerStatus> changes = new ArrayList<>();
    int restarted = 0;
    synchronized (lock) {
      if (!running) {
        return 0;
      }
      Instant now = clock.instant();
      for (SupervisedWorker worker : workers.values()) {
        restarted += lifecycle.tick(worker, now, changes) ? 1 : 0;
      }
    }
    listeners.publish(changes);
    return restarted;
  }

  private void crashed(SupervisedWorker worker, SupervisedWorker.Run run, Throwable error) {
    List<WorkerStatus> changes = new ArrayList<>();
    synchronized (lock) {
      if (worker.run != run) {
        return;
      }
      lifecycle.crash(worker, error, changes);
    }
    listeners.publish(changes);
    supervisorWaiter.wake();
  }

  private SupervisedWorker find(String name) {
    SupervisedWorker worker = workers.get(validName("name", name));
    if (worker == null) {
      throw new UnknownWorkerException(name);
    }
    return worker;
  }

  private static String validName(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException(field, name, "must match " + NAME.pattern());
    }
    return name;
  }

  /**
   * Builds a {@link Supervisor}. Not thread-safe; use it in one thread, then share the supervisor.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private RestartPolicy policy = RestartPolicy.ofDefaults();
    private boolean supervisorThread = true;
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

    private Builder() {}

    /** The clock that backoff, stability and timestamps are read from. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How crashed workers are restarted; {@link RestartPolicy#ofDefaults()} by default. */
    public Builder restartPolicy(RestartPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Whether {@link #start()} starts {@code rpa-supervisor-1}; true by default. */
    public Builder supervisorThread(boolean enabled) {
      this.supervisorThread = enabled;
      return this;
    }

    /** How long a stop waits for threads (half politely, half after interrupting). */
    public Builder stopTimeout(Duration stopTimeout) {
      if (stopTimeout == null || stopTimeout.isNegative() || stopTimeout.isZero()) {
        throw new IllegalArgumentException("stopTimeout must be positive, but was " + stopTimeout);
      }
      this.stopTimeout = stopTimeout;
      return this;
    }

    public Supervisor build() {
      log.info(
          "Supervisor: {}, supervisorThread={}, stopTimeout={}, clock={}",
          policy,
          supervisorThread,
          stopTimeout,
          clock);
      return new Supervisor(this);
    }
  }
}
