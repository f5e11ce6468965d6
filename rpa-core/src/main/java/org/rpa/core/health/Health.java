package org.rpa.core.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.rpa.core.health.CheckRunner.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system's health: a set of {@link HealthIndicator}s checked on demand.
 *
 * <p>{@link #report()} runs every check in parallel on a small pool of daemon threads named {@code
 * rpa-health-N}, created on first use and stopped by {@link #close()}. Each check is isolated: one
 * that throws is unhealthy with the exception's message, and one slower than its timeout is
 * unhealthy ("timed out after … ms") and interrupted. Latency is measured with {@code nanoTime};
 * timestamps come from the injected {@link Clock}.
 *
 * <p>Listeners added with {@link #onStatusChange} hear of each change of the overall status between
 * two consecutive reports, on the thread that took the second one.
 *
 * <p>Thread-safe: indicators may be registered and reports taken from any thread.
 */
public final class Health implements AutoCloseable {
  /** How long a check may take unless registered with its own timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Threads that run checks; more checks than this run in turn. */
  public static final int DEFAULT_THREADS = 4;

  private static final int QUEUE_CAPACITY = 64;
  private static final Logger log = LoggerFactory.getLogger(Health.class);

  private final Clock clock;
  private final CheckRunner runner;
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<HealthReport, HealthReport>> statusListeners =
      new CopyOnWriteArrayList<>();
  private final AtomicReference<HealthReport> lastReport = new AtomicReference<>();
  private ThreadPoolExecutor executor;
  private volatile boolean closed;

  /** A health facade that stamps its reports with {@code clock}. */
  public Health(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runner = new CheckRunner(clock);
  }

  /** An indicator that answers with {@code check}. */
  public static HealthIndicator of(
      String name, Criticality criticality, Supplier<HealthCheck> check) {
    return new SupplierIndicator(name, criticality, check);
  }

  /**
   * Adds {@code indicator} with the {@link #DEFAULT_TIMEOUT}.
   *
   * @throws IllegalStateException when an indicator with the same name is registered
   */
  public void register(HealthIndicator indicator) {
    register(indicator, DEFAULT_TIMEOUT);
  }

  /**
   * Adds {@code indicator}, whose check is unhealthy when slower than {@code timeout}.
   *
   * @throws IllegalArgumentException when {@code timeout} is not positive
   * @throws IllegalStateException when an indicator with the same name is registered
   */
  public synchronized void register(HealthIndicator indicator, Duration timeout) {
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(timeout, "timeout");
    String name = Objects.requireNonNull(indicator.name(), "indicator.name()");
    Objects.requireNonNull(indicator.criticality(), "indicator.criticality()");
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "indicator.name() must not be blank, but was '" + name + "'");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
    }
    if (registrations.stream().anyMatch(r -> r.indicator().name().equals(name))) {
      throw new IllegalStateException("A health indicator named '" + name + "' is registered");
    }
    registrations.add(new Registration(indicator, timeout));
  }

  /**
   * Checks every component now. Blocks for at most the longest timeout.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public HealthReport report() {
    HealthReport report = HealthReport.of(runner.run(registrations, executor()), clock.instant());
    HealthReport previous = lastReport.getAndSet(report);
    if (previous != null && previous.status() != report.status()) {
      for (BiConsumer<HealthReport, HealthReport> listener : statusListeners) {
        try {
          listener.accept(previous, report);
        } catch (RuntimeException e) {
          log.warn("A health status listener failed", e);
        }
      }
    }
    return report;
  }

  /**
   * Calls {@code listener} with the previous and the new report each time a {@link #report()}'s
   * overall status differs from the one before it. A listener that throws is logged.
   */
  public void onStatusChange(BiConsumer<HealthReport, HealthReport> listener) {
    statusListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Checks the critical components only: the report's {@code ready} answers a readiness probe.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public HealthReport readiness() {
    List<Registration> critical =
        registrations.stream()
            .filter(r -> r.indicator().criticality() == Criticality.CRITICAL)
            .toList();
    return HealthReport.of(runner.run(critical, executor()), clock.instant());
  }

  /** Whether this process is alive: true until {@link #close()}. Never runs a check. */
  public boolean live() {
    return !closed;
  }

  /** Stops the check threads, interrupting checks still running. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private synchronized ThreadPoolExecutor executor() {
    if (closed) {
      throw new IllegalStateException("Health is closed");
    }
    if (executor == null) {
      executor =
          new ThreadPoolExecutor(
              DEFAULT_THREADS,
              DEFAULT_THREADS,
              30,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(QUEUE_CAPACITY),
              daemonThreads());
      executor.allowCoreThreadTimeOut(true);
    }
    return executor;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "rpa-health-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
