package org.rpa.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpa.core.StoreException;
import org.rpa.core.dispatch.Degradation;
import org.rpa.core.dispatch.Wakeups;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.Criticality;
import org.rpa.core.health.FullHealth;
import org.rpa.core.health.HealthReport;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.health.ServiceStatus;
import org.rpa.core.resilience.BreakerSummary;
import org.rpa.core.resilience.BreakerView;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.supervise.Supervisor;

/**
 * Builds {@link FullHealth}: the health report's store and loop checks, the pipeline's wake-ups and
 * executors, the services' last probes and the breakers, judged by {@link HealthReport}'s rule.
 * Never probes a downstream service. Thread-safe.
 */
final class FullHealthCheck {
  private final Engine engine;
  private final EnginePipeline pipeline;
  private final Supervisor supervisor;
  private final String[] engineAndVersion;

  FullHealthCheck(Engine engine, EnginePipeline pipeline, Supervisor supervisor) {
    this.engine = engine;
    this.pipeline = pipeline;
    this.supervisor = supervisor;
    this.engineAndVersion = split(engine.storeEngine());
  }

  FullHealth check() {
    HealthReport report = engine.health().report();
    Instant now = engine.config().clock().instant();
    ComponentHealth database = report.component("database").orElseThrow();
    // Without the database a read would wait for the pool's timeout: count this process only.
    List<ExecutorRecord> fleet = null;
    if (database.status() == HealthStatus.HEALTHY) {
      try {
        fleet = engine.store().executors();
      } catch (StoreException e) {
        fleet = null;
      }
    }
    ComponentHealth store = store(database, now);
    Wakeups wakeups = pipeline.wakeups(fleet, now);
    ComponentHealth wakeupComponent = wakeups(wakeups, now);
    Degradation degradation = pipeline.degradation(fleet, now, wakeups, Map.of());
    List<ServiceStatus> services = engine.services().statuses();
    List<ComponentHealth> components = new ArrayList<>();
    components.add(store);
    components.add(wakeupComponent);
    components.add(executors(degradation, now));
    report.component("dispatcher").ifPresent(components::add);
    for (ServiceStatus service : services) {
      if (service.checked()) {
        components.add(service(service, now));
      }
    }
    components.add(breakers(now));
    return new FullHealth(
        HealthReport.of(components, now),
        store,
        wakeupComponent,
        services,
        engine.breakers().summary(),
        supervisor.loops(),
        now);
  }

  private ComponentHealth store(ComponentHealth database, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("engine", engineAndVersion[0]);
    details.put("version", engineAndVersion[1]);
    boolean up = database.status() == HealthStatus.HEALTHY;
    details.put("state", up ? "connected" : "disconnected");
    Object latency = database.details().get("latency_ms");
    if (latency != null) {
      details.put("latency_ms", latency);
    }
    return new ComponentHealth(
        "store",
        Criticality.CRITICAL,
        database.status(),
        database.message(),
        details,
        database.latency(),
        database.checkedAt());
  }

  private static ComponentHealth wakeups(Wakeups wakeups, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mechanism", wakeups.mechanism().label());
    details.put("state", wakeups.state().label());
    details.put("observer_type", wakeups.observerType());
    if (wakeups.channel() != null) {
      details.put("channel", wakeups.channel());
    }
    details.put("poll_interval_seconds", wakeups.pollInterval().toMillis() / 1000.0);
    if (wakeups.since() != null) {
      details.put("since", wakeups.since().toString());
    }
    if (wakeups.lastError() != null) {
      details.put("last_error", wakeups.lastError());
    }
    String message =
        wakeups.pushed()
            ? (wakeups.mechanism() == Wakeups.Mechanism.IN_PROCESS
                ? "Submits wake the dispatcher by an in-process signal"
                : "Submits wake every instance's dispatcher through LISTEN/NOTIFY")
            : "Submits are picked up by polling: " + wakeups.reason();
    return new ComponentHealth(
        "wakeups",
        Criticality.NON_CRITICAL,
        wakeups.pushed() ? HealthStatus.HEALTHY : HealthStatus.DEGRADED,
        message,
        details,
        Duration.ZERO,
        now);
  }

  private static ComponentHealth executors(Degradation degradation, Instant now) {
    int inProcess = degradation.inProcessExecutors();
    int online = degradation.remoteOnline();
    int configured = degradation.remoteConfigured();
    HealthStatus status;
    String message;
    if (inProcess + online == 0) {
      status = HealthStatus.UNHEALTHY;
      message = "No executor can run jobs: they stay queued";
    } else if (online < configured) {
      status = HealthStatus.DEGRADED;
      message = online + " of " + configured + " remote workers online";
    } else {
      status = HealthStatus.HEALTHY;
      message = (inProcess + online) + " executor(s) can run jobs";
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("in_process", inProcess);
    details.put("remote_online", online);
    details.put("remote_configured", configured);
    details.put("mode", degradation.mode().label());
    return new ComponentHealth(
        "executors", Criticality.CRITICAL, status, message, details, Duration.ZERO, now);
  }

  private static ComponentHealth service(ServiceStatus service, Instant now) {
    return new ComponentHealth(
        service.name(),
        service.critical() ? Criticality.CRITICAL : Criticality.NON_CRITICAL,
        service.status(),
        service.error() == null ? service.displayName() + " answers" : service.error(),
        Map.of(),
        service.responseTime(),
        service.lastCheck());
  }

  private ComponentHealth breakers(Instant now) {
    List<String> criticalOpen = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (BreakerView view : engine.breakers().all()) {
      if (view.state().equals("open") || view.state().equals("forced_open")) {
        (view.critical() ? criticalOpen : open).add(view.name());
      }
    }
    HealthStatus status;
    String message;
    if (!criticalOpen.isEmpty()) {
      status = HealthStatus.UNHEALTHY;
      message = "Critical circuit breaker(s) open: " + String.join(", ", criticalOpen);
    } else if (!open.isEmpty()) {
      status = HealthStatus.DEGRADED;
      message = "Circuit breaker(s) open: " + String.join(", ", open);
    } else {
      status = HealthStatus.HEALTHY;
      message = "No circuit breaker open";
    }
    BreakerSummary summary = engine.breakers().summary();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("total", summary.total());
    details.put("open", summary.open());
    return new ComponentHealth(
        "circuit_breakers", Criticality.CRITICAL, status, message, details, Duration.ZERO, now);
  }

  /** {@code "PostgreSQL 15.4"} → {@code ["PostgreSQL", "15.4"]}: product names have no space. */
  private static String[] split(String engine) {
    int space = engine.indexOf(' ');
    return space < 0
        ? new String[] {engine, ""}
        : new String[] {engine.substring(0, space), engine.substring(space + 1)};
  }
}
