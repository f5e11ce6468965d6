package org.rpa.core.engine;

import org.rpa.core.StoreException;
import org.rpa.core.health.Criticality;
import org.rpa.core.health.Health;
import org.rpa.core.health.HealthCheck;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.supervise.SupervisedLoop;
import org.rpa.core.supervise.Supervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the configured remote workers into an orchestrator (loops, status poll, health) and the
 * completion callbacks' outbox relay.
 */
final class RemoteSetup {
  private static final Logger log = LoggerFactory.getLogger(RemoteSetup.class);

  private RemoteSetup() {}

  /** The remote workers, or null when none are configured. */
  static RemoteExecutor install(
      Engine engine, Supervisor supervisor, NextOccurrence nextOccurrence) {
    EngineConfig config = engine.config();
    if (config.remoteWorkers().isEmpty()) {
      return null;
    }
    var workers =
        new RemoteExecutor(
            config.remoteWorkers(),
            engine.store(),
            engine.events(),
            new Outcomes(config::policy, nextOccurrence, config.random()),
            engine.breakers(),
            config.remoteBreaker(),
            config.clock(),
            config.leaseLength(),
            config.batchSize(),
            engine.meters());
    RemoteLoops.register(supervisor, workers, config.heartbeatInterval(), config.pollInterval());
    engine.onWorkerPoll(workers::pollOnce);
    boolean local = !engine.handlers().runnable().isEmpty();
    engine
        .health()
        .register(
            Health.of("remote_workers", Criticality.NON_CRITICAL, () -> health(workers, local)));
    return workers;
  }

  /** Starts the completion callbacks' outbox relay when a transport is configured. */
  static void installCallbacks(Engine engine, Supervisor supervisor) {
    EngineConfig config = engine.config();
    if (config.callbackTransport() == null) {
      return;
    }
    var outbox =
        new CallbackOutbox(
            engine.store().outbox(),
            config.callbackTransport(),
            engine
                .breakers()
                .breaker(
                    "callback",
                    BreakerOptions.custom()
                        .displayName("Completion callback receiver")
                        .critical(false)
                        .url(config.callbackTransport().url())
                        .build()),
            config.clock(),
            engine.executor().id(),
            config.callbackMaxBackoff());
    supervisor.register(
        new SupervisedLoop() {
          @Override
          public String name() {
            return "callback_sender";
          }

          @Override
          public void runOnce() throws InterruptedException {
            try {
              outbox.runOnce();
            } catch (StoreException e) {
              log.warn(
                  "callback_sender: the store failed ({}); trying again shortly", e.getMessage());
            }
          }
        });
  }

  /**
   * The degradation mode (normal, degraded, minimal, offline), from the workers that answer and the
   * in-process worker.
   */
  static String mode(RemoteExecutor workers, boolean local) {
    if (workers.online() == workers.configured()) {
      return "normal";
    }
    if (workers.online() > 0) {
      return "degraded";
    }
    return local ? "minimal" : "offline";
  }

  private static HealthCheck health(RemoteExecutor workers, boolean local) {
    String mode = mode(workers, local);
    String summary = workers.online() + " of " + workers.configured() + " remote worker(s) online";
    HealthCheck check =
        mode.equals("normal") ? HealthCheck.healthy(summary) : HealthCheck.degraded(summary);
    return check.withDetail("mode", mode).withDetail("workers", workers.states());
  }
}
