package org.rpa.core.engine;

import java.time.Duration;
import org.rpa.core.analytics.LiveCounts;
import org.rpa.core.dispatch.Pipeline;
import org.rpa.core.event.HealthChanged;
import org.rpa.core.event.LoopStateChanged;
import org.rpa.core.event.QueueDepthSampled;
import org.rpa.core.health.Criticality;
import org.rpa.core.health.FullHealth;
import org.rpa.core.health.Health;
import org.rpa.core.health.HealthCheck;
import org.rpa.core.metrics.Performance;
import org.rpa.core.remote.RemoteWorkers;
import org.rpa.core.store.SubmitListener;
import org.rpa.core.supervise.LoopStatus;
import org.rpa.core.supervise.Supervisor;
import org.rpa.core.supervise.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's background loops, each run by the {@link Supervisor} in its own thread and
 * restarted with backoff if it crashes: dispatcher, writer, heartbeat, timeouts, scheduler, lease
 * sweeper, queue monitor (the queue's depth as an event every 5 s), performance sampler (marks the
 * performance counters every 5 s, a history point a minute), health monitor (a health report every
 * 30 s, so that a change of the overall health is published) and alert evaluator. A pass that fails
 * because the store is down is not a crash: it is logged, and the loop waits a moment and tries
 * again, so an outage of the database never exhausts the restarts. Building them also installs the
 * remote workers' loops, the callback relay and the dispatcher's health indicator. The restart
 * history is kept in the store ({@link StoredRestartRecords}). Not API: public for the threaded
 * {@code Orchestrator} only.
 *
 * <p>Thread-safe.
 */
public final class EngineLoops {
  private static final Logger log = LoggerFactory.getLogger(EngineLoops.class);
  static final String DISPATCHER = "dispatcher";
  private static final Duration WRITER_WAIT = Duration.ofMillis(100);
  private static final Duration TIMEOUT_CHECK = Duration.ofMillis(250);
  private static final Duration SCHEDULER_TICK = Duration.ofMillis(500);

  /**
   * How often the prober looks for services due by the clock: a probe runs once per interval, but a
   * clock that a test moves is noticed within this.
   */
  static final Duration PROBE_TICK = Duration.ofSeconds(1);

  /** How often the alert rules are evaluated. */
  static final Duration ALERT_EVALUATION = Duration.ofSeconds(30);

  private final Engine engine;
  private final Supervisor supervisor;
  private volatile long lastPromoteNanos;
  private volatile SubmitListener listener;
  private volatile AutoCloseable relay;
  private final RemoteExecutor remote;
  private final EnginePipeline pipeline;
  private final FullHealthCheck fullHealth;

  public EngineLoops(Engine engine) {
    this.engine = engine;
    var config = engine.config();
    this.supervisor =
        Supervisor.builder()
            .clock(config.clock())
            .stopTimeout(Duration.ofSeconds(10))
            .restartRecords(
                new StoredRestartRecords(engine.store().restartLog(), engine.executorId()))
            .build();
    supervisor.addListener(
        status ->
            engine
                .events()
                .publish(
                    new LoopStateChanged(
                        status.name(),
                        status.status().name(),
                        status.restartCount(),
                        status.error(),
                        config.clock().instant())));
    supervisor.register(
        new StoreLoop(
            DISPATCHER, config.pollInterval(), true, engine.dispatchWaiter(), this::dispatch));
    supervisor.register(new StoreLoop("writer", Duration.ZERO, true, new Waiter(), this::write));
    supervisor.register(
        new StoreLoop(
            "heartbeat",
            config.heartbeatInterval(),
            true,
            new Waiter(),
            () -> engine.heartbeat().runOnce()));
    supervisor.register(
        new StoreLoop(
            "timeouts",
            TIMEOUT_CHECK,
            false,
            new Waiter(),
            () -> engine.executor().checkTimeouts()));
    supervisor.register(
        new StoreLoop(
            "scheduler", SCHEDULER_TICK, false, new Waiter(), () -> engine.schedules().runDue()));
    supervisor.register(
        new StoreLoop(
            "lease_sweeper",
            config.leaseLength().dividedBy(2),
            false,
            new Waiter(),
            () -> engine.sweeper().runOnce()));
    supervisor.register(
        new StoreLoop(
            "queue_monitor",
            Duration.ofSeconds(QueueDepthSampled.INTERVAL_SECONDS),
            false,
            new Waiter(),
            this::sampleQueue));
    supervisor.register(
        new StoreLoop(
            "performance_sampler",
            Performance.TICK,
            false,
            new Waiter(),
            () -> engine.metrics().performance().tick()));
    supervisor.register(
        new StoreLoop(
            "health_monitor",
            Duration.ofSeconds(HealthChanged.INTERVAL_SECONDS),
            false,
            new Waiter(),
            () -> engine.health().report()));
    supervisor.register(
        new StoreLoop(
            "alert_evaluator",
            ALERT_EVALUATION,
            false,
            new Waiter(),
            () -> engine.alerts().evaluate()));
    this.remote = RemoteSetup.install(engine, supervisor, engine.nextOccurrence());
    RemoteSetup.installCallbacks(engine, supervisor);
    Duration probeTick =
        PROBE_TICK.compareTo(config.serviceProbeInterval()) < 0
            ? PROBE_TICK
            : config.serviceProbeInterval();
    supervisor.register(
        new StoreLoop(
            "service_prober", probeTick, false, new Waiter(), () -> engine.services().runDue()));
    engine.health().register(Health.of("dispatcher", Criticality.CRITICAL, this::workersHealth));
    this.pipeline = new EnginePipeline(engine, remote, () -> listener, this::dispatching);
    this.fullHealth = new FullHealthCheck(engine, pipeline, supervisor);
  }

  /** The dispatch pipeline: intake, claim batches, degradation. */
  public Pipeline pipeline() {
    return pipeline;
  }

  /** Checks the whole system now; the downstream services as their last probes found them. */
  public FullHealth fullHealth() {
    return fullHealth.check();
  }

  private boolean dispatching() {
    return supervisor.isRunning()
        && supervisor
            .loop(DISPATCHER)
            .map(loop -> loop.status() == LoopStatus.Status.RUNNING)
            .orElse(false);
  }

  /** The remote workers, or null when none are configured. */
  public RemoteWorkers remoteWorkers() {
    return remote;
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  /** Critical loops must run; a stopped or failed non-critical one degrades the engine. */
  HealthCheck workersHealth() {
    var down =
        supervisor.loops().stream()
            .filter(loop -> loop.status() != LoopStatus.Status.RUNNING)
            .toList();
    if (!supervisor.isRunning()) {
      return HealthCheck.unhealthy("Background loops are not running");
    }
    var criticalDown = down.stream().filter(LoopStatus::critical).map(LoopStatus::name).toList();
    if (!criticalDown.isEmpty()) {
      return HealthCheck.unhealthy("Critical loops not running: " + criticalDown);
    }
    if (!down.isEmpty()) {
      return HealthCheck.degraded(
          "Loops not running: " + down.stream().map(LoopStatus::name).toList());
    }
    return HealthCheck.healthy(supervisor.loops().size() + " background loops running");
  }

  /** One dispatcher pass: promote due jobs (at most once per poll interval), then claim. */
  private void dispatch() {
    long now = System.nanoTime();
    if (now - lastPromoteNanos >= engine.config().pollInterval().toNanos()) {
      lastPromoteNanos = now;
      engine.dispatcher().promoteDue();
    }
    int batch = engine.config().batchSize();
    int claimed;
    do {
      claimed = engine.dispatcher().claimOnce();
    } while (claimed == batch && engine.dispatcher().hasRoom());
  }

  /** Publishes the queue's depth, read from the live counts (indexes only). */
  void sampleQueue() {
    LiveCounts counts = engine.analytics().liveCounts();
    engine
        .events()
        .publish(
            new QueueDepthSampled(
                counts.queued(),
                counts.scheduled(),
                counts.leased(),
                engine.config().clock().instant()));
  }

  private void write() throws InterruptedException {
    engine.writer().awaitAndFlush(WRITER_WAIT);
  }

  public void start() {
    listener = engine.listenForSubmits();
    if (engine.config().shareEvents()) {
      relay = engine.shareEvents();
    }
    engine.schedules().setRunning(true);
    supervisor.start();
    engine.setHandoffOpen(true);
  }

  /** Stops claiming new work; everything else keeps running until {@link #stop()}. */
  public void stopDispatching() {
    engine.setHandoffOpen(false);
    if (supervisor.isRunning()) {
      supervisor
          .loop(DISPATCHER)
          .filter(loop -> loop.status() == LoopStatus.Status.RUNNING)
          .ifPresent(loop -> supervisor.stopLoop(DISPATCHER));
    }
    SubmitListener current = listener;
    listener = null;
    if (current != null) {
      try {
        current.close();
      } catch (RuntimeException e) {
        log.warn("Closing the submit listener failed", e);
      }
    }
  }

  public void stop() {
    engine.schedules().setRunning(false);
    supervisor.stop();
    AutoCloseable current = relay;
    relay = null;
    if (current != null) {
      try {
        current.close();
      } catch (Exception e) {
        log.warn("Closing the event relay failed", e);
      }
    }
  }
}
