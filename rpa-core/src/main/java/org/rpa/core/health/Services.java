package org.rpa.core.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rpa.core.resilience.BreakerView;
import org.rpa.core.resilience.Breakers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream services, each checked by an active probe on a schedule: register a {@link
 * ProbedService} and it is probed at once, then every {@link #interval()} by the injected {@link
 * Clock}. Health views read {@link #statuses()}, the last results, and never probe themselves, so a
 * slow or dead service never slows a health check down.
 *
 * <p>{@link #runDue()} probes the services that are due, one after the other in the caller's
 * thread; the orchestrator calls it from its supervised loop {@code service_prober} about once a
 * second, and a test calls it after advancing a {@code MutableClock}. A probe that throws is an
 * unhealthy result with the exception's message; consecutive unhealthy results are counted.
 *
 * <p>Thread-safe: services may be registered and statuses read from any thread while one thread
 * probes.
 */
public final class Services {
  /** How often each service is probed unless the builder says otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** A short timeout for one probe, as the server gives its HTTP probes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(Services.class);

  private final Clock clock;
  private final Breakers breakers;
  private final Duration interval;
  private final List<ProbedService> services = new CopyOnWriteArrayList<>();
  private final Map<String, Result> results = new ConcurrentHashMap<>();

  /** The last probe of one service. */
  private record Result(
      HealthStatus status, String error, Duration responseTime, Instant at, int failures) {}

  /**
   * @param breakers where the services' circuit breakers are looked up by name
   * @param interval how long after a probe the service is probed again
   * @throws IllegalArgumentException when {@code interval} is not positive
   */
  public Services(Clock clock, Breakers breakers, Duration interval) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.breakers = Objects.requireNonNull(breakers, "breakers");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, but was " + interval);
    }
    this.interval = interval;
  }

  /**
   * Adds {@code service}; it is due for a probe at once.
   *
   * @throws IllegalStateException when a service with the same name is registered
   */
  public synchronized void register(ProbedService service) {
    Objects.requireNonNull(service, "service");
    if (services.stream().anyMatch(s -> s.name().equals(service.name()))) {
      throw new IllegalStateException("A service named '" + service.name() + "' is registered");
    }
    services.add(service);
  }

  /** How long after a probe a service is probed again. */
  public Duration interval() {
    return interval;
  }

  /** Every service in registration order, as its last probe found it. Never probes. */
  public List<ServiceStatus> statuses() {
    return services.stream().map(this::status).toList();
  }

  /** The service named {@code name}, if registered. */
  public Optional<ServiceStatus> status(String name) {
    Objects.requireNonNull(name, "name");
    return services.stream().filter(s -> s.name().equals(name)).findFirst().map(this::status);
  }

  /**
   * Probes every service never probed, or last probed at least {@link #interval()} ago by the
   * clock.
   *
   * @return how many services were probed
   */
  public int runDue() {
    int probed = 0;
    for (ProbedService service : services) {
      Result last = results.get(service.name());
      if (last == null || !clock.instant().isBefore(last.at().plus(interval))) {
        results.put(service.name(), probe(service, last));
        probed++;
      }
    }
    return probed;
  }

  private Result probe(ProbedService service, Result last) {
    long started = System.nanoTime();
    HealthCheck check;
    try {
      check = service.probe().probe();
      if (check == null) {
        check = HealthCheck.unhealthy("probe returned null");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      check = HealthCheck.unhealthy("probe interrupted");
    } catch (Exception | Error e) {
      check = HealthCheck.unhealthy(describe(e));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    boolean healthy = check.status() == HealthStatus.HEALTHY;
    int failures =
        check.status() == HealthStatus.UNHEALTHY ? (last == null ? 0 : last.failures()) + 1 : 0;
    if (last != null && last.status() != check.status()) {
      if (healthy) {
        log.info("Service {} is healthy again", service.name());
      } else {
        log.warn("Service {} is {}: {}", service.name(), check.status().label(), check.message());
      }
    } else if (last == null && !healthy) {
      log.warn("Service {} is {}: {}", service.name(), check.status().label(), check.message());
    }
    return new Result(
        check.status(), healthy ? null : check.message(), took, clock.instant(), failures);
  }

  private ServiceStatus status(ProbedService service) {
    Optional<BreakerView> breaker =
        service.breaker() == null ? Optional.empty() : breakers.view(service.breaker());
    boolean critical = service.critical() || breaker.map(BreakerView::critical).orElse(false);
    Result last = results.get(service.name());
    return new ServiceStatus(
        service.name(),
        service.displayName(),
        service.url(),
        service.breaker(),
        critical,
        service.feature(),
        last == null ? null : last.status(),
        last == null ? null : last.error(),
        last == null ? null : last.responseTime(),
        last == null ? null : last.at(),
        last == null ? 0 : last.failures(),
        breaker.map(BreakerView::state).orElse(null));
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
