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
import org.rpa.core.supervise.LoopStatus.Status;
import org.rpa.core.supervise.RestartEvent.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every background loop of the engine in its own daemon thread ({@code rpa-<name>-N}) and
 * restarts crashed ones with exponential backoff.
 *
 * <p>When a loop throws, its thread ends and the loop is {@code CRASHED} (a {@code crashed} history
 * entry, attempt = restarts so far). If it has already been restarted {@link
 * RestartPolicy#maxRestarts()} times it becomes {@code FAILED} (a {@code failed} entry) and stays
 * down until {@link #resetLoop} or {@link #startLoop}; otherwise its restart count goes up and
 * {@link #runOnce()} restarts it once {@link RestartPolicy#backoff(int)} has passed on the clock (a
 * {@code success} entry). A loop that has run {@link RestartPolicy#stableAfter()} without crashing
 * gets its restart count set back to 0.
 *
 * <p>With {@link Builder#supervisorThread(boolean)} (the default) {@link #start()} also starts
 * {@code rpa-supervisor-1}, which calls {@link #runOnce()} every 100 ms and at once after a crash;
 * without it, the caller drives {@link #runOnce()} (tests, {@code ManualOrchestrator}).
 *
 * <p>Thread-safe. Listeners are called outside the internal lock, from the thread that made the
 * change; a listener that throws is logged and never reaches the caller.
 */
public final class Supervisor {
  /** Loop names, as the supervisor's HTTP routes validate them. */
  public static final Pattern NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]*$");

  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
  static final Duration SUPERVISOR_INTERVAL = Duration.ofMillis(100);
  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

  private final Clock clock;
  private final RestartPolicy policy;
  private final boolean ownThread;
  private final Duration stopTimeout;
  private final Object lock = new Object();
  private final Map<String, LoopRunner> runners = new LinkedHashMap<>();
  private final RestartHistory history;
  private final LoopListeners listeners = new LoopListeners();
  private final LoopLifecycle lifecycle;
  private final Waiter supervisorWaiter = new Waiter();
  private final SupervisorThread supervisorThread;
  private volatile boolean running;

  private Supervisor(Builder builder) {
    this.clock = builder.clock;
    this.policy = builder.policy;
    this.ownThread = builder.supervisorThread;
    this.stopTimeout = builder.stopTimeout;
    this.supervisorThread = new SupervisorThread(this, supervisorWaiter);
    this.history = new RestartHistory(builder.records);
    this.lifecycle = new LoopLifecycle(clock, policy, history);
  }

  /** A builder with the defaults: system UTC clock, default policy, own supervisor thread. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds a loop; if the supervisor is running, the loop starts at once.
   *
   * @throws InvalidRequestException if the loop's name does not match {@link #NAME}
   * @throws IllegalStateException if a loop with that name is already registered
   */
  public void register(SupervisedLoop loop) {
    Objects.requireNonNull(loop, "loop");
    String name = validName("name", loop.name());
    List<LoopStatus> changes = new ArrayList<>();
    synchronized (lock) {
      if (runners.containsKey(name)) {
        throw new IllegalStateException("Worker '" + name + "' is already registered");
      }
      LoopRunner runner = new LoopRunner(loop, this::crashed);
      runners.put(name, runner);
      if (running) {
        lifecycle.launch(runner, changes);
      }
    }
    publish(changes);
  }

  /** Starts every stopped loop (and the supervisor thread, if enabled). Idempotent. */
  public void start() {
    List<LoopStatus> changes = new ArrayList<>();
    synchronized (lock) {
      if (running) {
        return;
      }
      running = true;
      runners.values().stream()
          .filter(runner -> runner.status == Status.STOPPED)
          .forEach(runner -> lifecycle.launch(runner, changes));
      if (ownThread) {
        supervisorThread.start();
      }
    }
    log.info("Supervisor started with {} loops", changes.size());
    publish(changes);
  }

  /**
   * Stops the supervisor thread and every loop; failed loops stay failed. Waits for the threads
   * half of the stop timeout, then interrupts them and waits the other half. Idempotent.
   */
  public void stop() {
    List<LoopStatus> changes = new ArrayList<>();
    List<Thread> stopping = new ArrayList<>();
    synchronized (lock) {
      if (!running) {
        return;
      }
      running = false;
      stopping.add(supervisorThread.stop());
      for (LoopRunner runner : runners.values()) {
        if (LoopTransitions.isLegal(runner.status, Status.STOPPED)) {
          stopping.add(lifecycle.halt(runner, Status.STOPPED, changes));
        }
      }
    }
    publish(changes);
    StopJoiner.join(stopping, stopTimeout);
    log.info("Supervisor stopped");
  }

  /** Whether {@link #start()} was called and {@link #stop()} was not called since. */
  public boolean isRunning() {
    return running;
  }

  /** A snapshot of every loop, in registration order. */
  public List<LoopStatus> loops() {
    synchronized (lock) {
      return runners.values().stream().map(lifecycle::snapshot).toList();
    }
  }

  /**
   * A snapshot of one loop, or empty if no loop has that name.
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   */
  public Optional<LoopStatus> loop(String name) {
    validName("name", name);
    synchronized (lock) {
      return Optional.ofNullable(runners.get(name)).map(lifecycle::snapshot);
    }
  }

  /**
   * Starts a stopped, crashed or failed loop now (no backoff; the restart count is kept).
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownLoopException if no loop has that name
   * @throws IllegalStateException if the loop is running or restarting
   */
  public void startLoop(String name) {
    List<LoopStatus> changes = new ArrayList<>();
    synchronized (lock) {
      LoopRunner runner = find(name);
      LoopTransitions.check(name, runner.status, Status.RUNNING, "started");
      lifecycle.launch(runner, changes);
    }
    publish(changes);
  }

  /**
   * Stops a running or crashed loop (a crashed one is then not restarted) and waits for its thread
   * within the stop timeout.
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownLoopException if no loop has that name
   * @throws IllegalStateException if the loop is already stopped or failed
   */
  public void stopLoop(String name) {
    halt(name, Status.STOPPED, "stopped");
  }

  /**
   * Stops the loop if it runs, waits for its thread, and starts it again; the history records
   * {@code manual}. The restart count is kept.
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownLoopException if no loop has that name
   * @throws IllegalStateException if the loop is already restarting
   */
  public void restartLoop(String name) {
    halt(name, Status.RESTARTING, "restarted");
    List<LoopStatus> changes = new ArrayList<>();
    synchronized (lock) {
      LoopRunner runner = find(name);
      // Someone may have stopped it while we waited for the old thread: then it stays stopped.
      if (runner.status == Status.RESTARTING) {
        lifecycle.launch(runner, changes);
        lifecycle.record(runner, Kind.MANUAL, null);
      }
    }
    publish(changes);
  }

  /**
   * Sets the loop's restart count to 0; a failed loop is started again ({@code manual} in the
   * history).
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownLoopException if no loop has that name
   */
  public void resetLoop(String name) {
    List<LoopStatus> changes = new ArrayList<>();
    synchronized (lock) {
      LoopRunner runner = find(name);
      runner.restartCount = 0;
      if (runner.status == Status.FAILED) {
        lifecycle.launch(runner, changes);
        lifecycle.record(runner, Kind.MANUAL, null);
      } else {
        changes.add(lifecycle.snapshot(runner));
      }
    }
    publish(changes);
  }

  /**
   * Ends the loop's current wait so its next pass runs now (or skips its next wait).
   *
   * @throws InvalidRequestException if {@code name} does not match {@link #NAME}
   * @throws UnknownLoopException if no loop has that name
   */
  public void wake(String name) {
    synchronized (lock) {
      find(name).waiter.wake();
    }
  }

  /**
   * The restart events of all loops, newest first when paged: in memory, or in the store when the
   * builder was given {@link Builder#restartRecords}.
   */
  public RestartHistory history() {
    return history;
  }

  /** Calls {@code listener} with a snapshot on every status or restart count change. */
  public void addListener(Consumer<LoopStatus> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling {@code listener}. */
  public void removeListener(Consumer<LoopStatus> listener) {
    listeners.remove(listener);
  }

  /**
   * The supervisor's own pass: restarts every crashed loop whose backoff has passed on the clock,
   * and sets the restart count of loops stable for {@link RestartPolicy#stableAfter()} back to 0.
   * Does nothing while the supervisor is stopped.
   *
   * @return how many loops it restarted
   */
  public int runOnce() {
    List<LoopStatus> changes = new ArrayList<>();
    int restarted = 0;
    synchronized (lock) {
      if (!running) {
        return 0;
      }
      Instant now = clock.instant();
      for (LoopRunner runner : runners.values()) {
        restarted += lifecycle.tick(runner, now, changes) ? 1 : 0;
      }
    }
    publish(changes);
    return restarted;
  }

  /** Tells the listeners, then writes the history's new events, outside the lock. */
  private void publish(List<LoopStatus> changes) {
    listeners.publish(changes);
    history.flush();
  }

  private void crashed(LoopRunner runner, LoopRunner.Run run, Throwable error) {
    List<LoopStatus> changes = new ArrayList<>();
    synchronized (lock) {
      if (runner.run != run) {
        return;
      }
      lifecycle.crash(runner, error, changes);
    }
    publish(changes);
    supervisorWaiter.wake();
  }

  /** Moves the loop to {@code target} (STOPPED or RESTARTING) and waits for its thread. */
  private void halt(String name, Status target, String verb) {
    List<LoopStatus> changes = new ArrayList<>();
    Thread stopping;
    synchronized (lock) {
      LoopRunner runner = find(name);
      LoopTransitions.check(name, runner.status, target, verb);
      stopping = lifecycle.halt(runner, target, changes);
    }
    publish(changes);
    StopJoiner.join(Collections.singletonList(stopping), stopTimeout);
  }

  private LoopRunner find(String name) {
    LoopRunner runner = runners.get(validName("name", name));
    if (runner == null) {
      throw new UnknownLoopException(name);
    }
    return runner;
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
    private RestartRecords records;

    private Builder() {}

    /**
     * Where the restart history is kept; by default the newest {@value RestartHistory#CAPACITY}
     * events in memory.
     */
    public Builder restartRecords(RestartRecords records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /** The clock that backoff, stability and timestamps are read from. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How crashed loops are restarted; {@link RestartPolicy#ofDefaults()} by default. */
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
      if (records == null) {
        records = RestartRecords.inMemory(RestartHistory.CAPACITY);
      }
      return new Supervisor(this);
    }
  }
}
