package org.rpa.core.engine;

import java.time.Instant;
import java.util.List;
import org.rpa.core.health.Criticality;
import org.rpa.core.health.Health;
import org.rpa.core.health.HealthCheck;
import org.rpa.core.resilience.BreakerSummary;
import org.rpa.core.store.ExecutorRecord;

/**
 * The engine's own health indicators. Critical (API-MAP.md): the store, the dispatcher, at least
 * one online executor (one that can run jobs; an orchestrator that only queues them, alone, is
 * degraded). Non-critical: the scheduler, open circuit breakers. Not API.
 */
final class EngineHealth {
  private EngineHealth() {}

  static void register(Engine engine, Health health) {
    health.register(Health.of("database", Criticality.CRITICAL, () -> database(engine)));
    health.register(Health.of("executors", Criticality.CRITICAL, () -> executors(engine)));
    health.register(Health.of("scheduler", Criticality.NON_CRITICAL, () -> scheduler(engine)));
    health.register(
        Health.of("circuit_breakers", Criticality.NON_CRITICAL, () -> breakers(engine)));
  }

  private static HealthCheck database(Engine engine) {
    long started = System.nanoTime();
    engine.store().ping();
    double millis = (System.nanoTime() - started) / 1e6;
    return HealthCheck.healthy("Database operational")
        .withDetail("engine", engine.store().engine())
        .withDetail("state", "connected")
        .withDetail("latency_ms", Math.round(millis * 100) / 100.0);
  }

  private static HealthCheck executors(Engine engine) {
    Instant now = engine.config().clock().instant();
    List<ExecutorRecord> all = engine.refreshExecutors();
    long online = all.stream().filter(executor -> executor.canRun(now)).count();
    boolean anyAlive = all.stream().anyMatch(executor -> executor.isAlive(now));
    HealthCheck check;
    if (online > 0) {
      check = HealthCheck.healthy(online + " executor(s) online");
    } else if (anyAlive) {
      // A queue-only orchestrator (capacity 0) is up and takes jobs, but nothing runs them.
      check = HealthCheck.degraded("No executor can run jobs: they stay queued");
    } else {
      check = HealthCheck.unhealthy("No executor online: jobs stay queued");
    }
    return check.withDetail("online", online).withDetail("known", all.size());
  }

  private static HealthCheck scheduler(Engine engine) {
    var status = engine.schedules().status();
    HealthCheck check =
        status.running()
            ? HealthCheck.healthy("Scheduler running with " + status.jobCount() + " tasks")
            : HealthCheck.unhealthy("Scheduler not running");
    return check.withDetail("job_count", status.jobCount());
  }

  private static HealthCheck breakers(Engine engine) {
    BreakerSummary summary = engine.breakers().summary();
    HealthCheck check =
        summary.open() > 0
            ? HealthCheck.degraded(
                summary.open() + " circuit breaker(s) open: " + openNames(summary))
            : HealthCheck.healthy("All circuit breakers closed");
    return check.withDetail("total", summary.total()).withDetail("open", summary.open());
  }

  private static String openNames(BreakerSummary summary) {
    return String.join(
        ", ",
        summary.breakers().entrySet().stream()
            .filter(
                entry -> entry.getValue().equals("open") || entry.getValue().equals("forced_open"))
            .map(java.util.Map.Entry::getKey)
            .toList());
  }
}
