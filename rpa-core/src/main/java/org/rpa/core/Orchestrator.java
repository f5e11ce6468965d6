package org.rpa.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpa.core.alert.Alerts;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.dispatch.Pipeline;
import org.rpa.core.engine.Engine;
import org.rpa.core.engine.EngineConfig;
import org.rpa.core.engine.EngineLoops;
import org.rpa.core.event.EventBus;
import org.rpa.core.health.FullHealth;
import org.rpa.core.health.Health;
import org.rpa.core.health.Services;
import org.rpa.core.job.Jobs;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.privacy.Privacy;
import org.rpa.core.recovery.RecoveryReport;
import org.rpa.core.remote.RemoteWorkers;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.schedule.Schedules;
import org.rpa.core.store.TotpLedger;
import org.rpa.core.supervise.Supervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator: durable jobs, dispatched in batches to this process's handlers, retried,
 * recovered, scheduled and supervised.
 *
 * <pre>{@code
 * try (Orchestrator rpa = Orchestrator.builder()
 *         .database("jdbc:h2:file:./data/rpa")
 *         .handler("demo", "echo", ctx -> JobResult.success(ctx.params()))
 *         .concurrency(8)
 *         .build()) {
 *   rpa.start();
 *   JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo").param("x", 1));
 *   Job done = rpa.jobs().await(id, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>{@link #build()} opens the database and migrates its schema; nothing runs until {@link
 * #start()}. {@link #close()} stops claiming, waits for running jobs up to the shutdown timeout,
 * returns unstarted claims to the queue and ends this executor's lease. Thread-safe.
 */
public final class Orchestrator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

  private final Engine engine;
  private final ThreadPoolExecutor pool;
  private final EngineLoops loops;
  private final RemoteWorkers remote;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Orchestrator(EngineConfig config) {
    this.pool = handlerPool(config.concurrency());
    this.engine = new Engine(config, pool);
    this.loops = new EngineLoops(engine);
    this.remote = loops.remoteWorkers();
    log.info(
        "rpa orchestrator built: executor={}, database={}, concurrency={}, buffer={}, batch={},"
            + " lease={}, heartbeat={}, poll={}, job timeout={}, handlers={}",
        config.executorName(),
        engine.storeEngine(),
        config.concurrency(),
        config.bufferSize(),
        config.batchSize(),
        config.leaseLength(),
        config.heartbeatInterval(),
        config.pollInterval(),
        config.defaultTimeout(),
        engine.runnableTypes());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Orchestrator}; see {@link OrchestratorSettings} for every setting. */
  public static final class Builder extends OrchestratorSettings<Builder> {
    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Opens the database, applies migrations and wires the orchestrator; starts nothing.
     *
     * @throws StoreException if the database cannot be opened or migrated
     */
    public Orchestrator build() {
      return new Orchestrator(config());
    }
  }

  /** Registers this executor and starts the supervised background loops. Idempotent. */
  public Orchestrator start() {
    if (closed.get()) {
      throw new IllegalStateException("Orchestrator is closed");
    }
    if (started.compareAndSet(false, true)) {
      engine.registerExecutor();
      loops.start();
      log.info("rpa orchestrator started: executor {}", engine.executorId());
    }
    return this;
  }

  public boolean isStarted() {
    return started.get() && !closed.get();
  }

  public Jobs jobs() {
    return engine.jobs();
  }

  public EventBus events() {
    return engine.events();
  }

  /**
   * The events the other orchestrators on the same PostgreSQL database publish and share (see the
   * builder's {@code shareEvents}): their job changes ({@code JobStateChanged}), their executors'
   * heartbeats and offline executors. Delivered in the thread that hears them, so listeners must be
   * quick, as on {@link #events()}. This orchestrator's own events never come back here. Nothing
   * arrives on H2, or unless sharing is on here and there.
   */
  public EventBus peerEvents() {
    return engine.peerEvents();
  }

  /** The named background tasks: status with next runs, reset, run now. */
  public Schedules schedules() {
    return engine.schedules();
  }

  /** Health of the store, the loops, the executors, the scheduler and the breakers. */
  public Health health() {
    return engine.health();
  }

  /**
   * The downstream services (remote workers, the browser, the callback receiver, portals, a metrics
   * server), each probed on a schedule: register one with {@code
   * services().register(ProbedService)}. The loop {@code service_prober} probes them.
   */
  public Services services() {
    return engine.services();
  }

  /** Job counters with their 5-minute history, live counters and latencies. */
  public Metrics metrics() {
    return engine.metrics();
  }

  /** The named circuit breakers of every call that leaves the process. */
  public Breakers breakers() {
    return engine.breakers();
  }

  /** The supervisor of the background loops: their status, restarts and history. */
  public Supervisor supervisor() {
    return loops.supervisor();
  }

  /** Wakes the dispatcher now, as the server's {@code POST /process} does. */
  public void process() {
    engine.wakeDispatcher();
  }

  /** Runs stale-lease recovery now, as the server's {@code POST /recover} does. */
  public RecoveryReport recover() {
    return engine.recover();
  }

  /** The remote worker services this orchestrator sends jobs to, if any were configured. */
  public Optional<RemoteWorkers> remoteWorkers() {
    return Optional.ofNullable(remote);
  }

  /** This process's executor id. */
  public String executorId() {
    return engine.executorId();
  }

  /** Finding and erasing the jobs about one data subject, for privacy requests. */
  public Privacy privacy() {
    return engine.privacy();
  }

  /**
   * The dispatch pipeline: how submits reach the dispatcher, the claim batches in flight per
   * executor, and the degradation mode with what still works.
   */
  public Pipeline pipeline() {
    return loops.pipeline();
  }

  /**
   * The whole system's health, checked now: the store and the loops are checked, the downstream
   * services read from their last scheduled probes. Unhealthy while the store, the critical loops
   * or every executor is down, or a critical service or breaker is; degraded while anything else is
   * not healthy.
   */
  public FullHealth fullHealth() {
    return loops.fullHealth();
  }

  /** Every executor sharing the store, with its load and state: the fleet. */
  public Fleet fleet() {
    return engine.fleet();
  }

  /**
   * Execution statistics by period, job type, executor, hour or error type, job counts, the queue
   * depth and the execution list, all from the store.
   */
  public Analytics analytics() {
    return engine.analytics();
  }

  /** The alert rules with their state, evaluated every 30 seconds by a supervised loop. */
  public Alerts alerts() {
    return engine.alerts();
  }

  /**
   * The ledger of spent TOTP codes in this orchestrator's database, where each (secret, time step)
   * is spent once across every process sharing it.
   */
  public TotpLedger totpLedger() {
    return engine.store().totpLedger();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Duration timeout = engine.config().shutdownTimeout();
    loops.stopDispatching();
    var unstarted = engine.takeBackUnstarted();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Jobs still running after {}: interrupting them", timeout);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      loops.stop();
      if (started.get()) {
        engine.releaseAndStop(unstarted);
      }
    } finally {
      engine.close();
      log.info("rpa orchestrator closed: executor {}", engine.executorId());
    }
  }

  private static ThreadPoolExecutor handlerPool(int concurrency) {
    var count = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          var thread = new Thread(runnable, "rpa-handler-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(
        concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
  }
}
