package org.rpa.core.testing;

import org.rpa.core.OrchestratorSettings;
import org.rpa.core.alert.Alerts;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.engine.Engine;
import org.rpa.core.engine.EngineConfig;
import org.rpa.core.event.EventBus;
import org.rpa.core.health.Health;
import org.rpa.core.health.Services;
import org.rpa.core.job.Jobs;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.privacy.Privacy;
import org.rpa.core.recovery.RecoveryReport;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.schedule.Schedules;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.TotpLedger;

/**
 * An orchestrator with no threads: each call runs one pass of one background loop in the caller's
 * thread, and handlers run inline. With a {@link MutableClock} it makes every time rule testable
 * without sleeping:
 *
 * <pre>{@code
 * var clock = MutableClock.at("2026-01-01T00:00:00Z");
 * try (var rpa = ManualOrchestrator.builder().database(h2Url).clock(clock)
 *     .handler("demo", "flaky", flaky).build()) {
 *   JobId id = rpa.jobs().submit(JobRequest.of("demo", "flaky"));
 *   rpa.tick();                                // attempt 1 fails: retry due in 2 s
 *   clock.advance(Duration.ofSeconds(2));
 *   rpa.tick();                                // attempt 2 succeeds
 * }
 * }</pre>
 *
 * <p>It runs jobs in this process only: {@code build()} refuses {@code remoteWorker(..)} and {@code
 * callbacks(..)}, which need the threaded {@link org.rpa.core.Orchestrator}'s loops.
 *
 * <p>Not thread-safe: drive it from one thread.
 */
public final class ManualOrchestrator implements AutoCloseable {
  private final Engine engine;

  private ManualOrchestrator(Engine engine) {
    this.engine = engine;
    engine.registerExecutor();
    // The caller drives the schedules with tick(): as far as status goes, they run.
    engine.schedules().setRunning(true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link ManualOrchestrator}; see {@link OrchestratorSettings} for the settings. Remote
   * workers and completion callbacks are run by the threaded orchestrator only.
   */
  public static final class Builder extends OrchestratorSettings<Builder> {
    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Opens the database, migrates it and registers this executor.
     *
     * @throws IllegalStateException if {@code remoteWorker(..)} or {@code callbacks(..)} was set:
     *     the manual orchestrator has no pass for them, and dropping them would hide that
     */
    public ManualOrchestrator build() {
      EngineConfig config = config();
      if (!config.remoteWorkers().isEmpty()) {
        throw new IllegalStateException(
            "remoteWorker(..) is not supported by ManualOrchestrator: it runs jobs in this"
                + " process only; use Orchestrator for remote workers");
      }
      if (config.callbackTransport() != null) {
        throw new IllegalStateException(
            "callbacks(..) is not supported by ManualOrchestrator: it has no callback relay;"
                + " use Orchestrator for completion callbacks");
      }
      return new ManualOrchestrator(new Engine(config, null));
    }
  }

  public Jobs jobs() {
    return engine.jobs();
  }

  public EventBus events() {
    return engine.events();
  }

  /** The ledger of spent TOTP codes in this orchestrator's database. */
  public TotpLedger totpLedger() {
    return engine.store().totpLedger();
  }

  /** Finding and erasing the jobs about one data subject. */
  public Privacy privacy() {
    return engine.privacy();
  }

  /** Every executor sharing the store, with its load and state. */
  public Fleet fleet() {
    return engine.fleet();
  }

  /** Execution statistics, job counts, the queue depth and the execution list. */
  public Analytics analytics() {
    return engine.analytics();
  }

  /** The alert rules with their state; {@code alerts().evaluate()} runs them. */
  public Alerts alerts() {
    return engine.alerts();
  }

  /**
   * The whole store, for tests that play another executor (claim, heartbeat, apply) or assert on
   * what is persisted. Not part of {@code Orchestrator}: an application reads through the facades.
   */
  public JobStore store() {
    return engine.store();
  }

  /** This process's executor id. */
  public String executorId() {
    return engine.executorId();
  }

  /** Health of the store, the executors, the scheduler and the breakers. */
  public Health health() {
    return engine.health();
  }

  /** Job counters with their history, live counters and latencies. */
  public Metrics metrics() {
    return engine.metrics();
  }

  /** The named circuit breakers, on the injected clock. */
  public Breakers breakers() {
    return engine.breakers();
  }

  /**
   * The downstream services; {@code services().runDue()} probes those due by the clock (tick() does
   * not, since a probe leaves the process).
   */
  public Services services() {
    return engine.services();
  }

  /** The named background tasks; {@link #runSchedules()} runs the due ones. */
  public Schedules schedules() {
    return engine.schedules();
  }

  /** Runs every background task whose time has come by the clock; returns how many ran. */
  public int runSchedules() {
    return engine.schedules().runDue();
  }

  /**
   * One pass of everything, in order: heartbeat, timeouts, lease recovery, due background tasks,
   * then dispatch until no due job is left.
   *
   * @return how many jobs were run
   */
  public int tick() {
    heartbeat();
    runTimeouts();
    runRecovery();
    runSchedules();
    int ran = 0;
    int claimed;
    do {
      claimed = runDispatch();
      ran += claimed;
    } while (claimed > 0);
    return ran;
  }

  /**
   * One dispatch pass: promotes due SCHEDULED jobs, claims one batch and runs it inline, and writes
   * the results.
   *
   * @return how many jobs were claimed
   */
  public int runDispatch() {
    engine.promoteDue();
    int claimed = engine.claimOnce();
    engine.flushWrites();
    return claimed;
  }

  /** One pass of the lease sweeper: recovers orphaned jobs, expires overdue ones. */
  public RecoveryReport runRecovery() {
    return engine.recover();
  }

  /** Ends executions that ran past their timeout by the clock. */
  public int runTimeouts() {
    int timedOut = engine.checkTimeouts();
    engine.flushWrites();
    return timedOut;
  }

  /** Renews this executor's lease. */
  public void heartbeat() {
    engine.renewLease();
  }

  @Override
  public void close() {
    engine.releaseAndStop(engine.takeBackUnstarted());
    engine.close();
  }
}
