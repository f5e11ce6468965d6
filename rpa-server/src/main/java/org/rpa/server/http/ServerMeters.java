package org.rpa.server.http;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.jetty12.server.TimedHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.eclipse.jetty.server.Server;
import org.rpa.automation.BrowserAutomation;
import org.rpa.core.Orchestrator;
import org.rpa.core.analytics.HealingStats;
import org.rpa.core.metrics.CachedRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Micrometer registry, rendered in the Prometheus formats at {@code
 * /metrics/prometheus}: the orchestrator's own meters (given to its builder), and the binders of
 * the JVM (memory, GC, threads, class loading), the process (uptime, CPU, file descriptors), the
 * store's HikariCP pool, Jetty (its thread pool, connections and a timer of every request) and the
 * resilience4j circuit breakers (each one, those created later too), and the server's gauges:
 * self-healing by outcome and the build.
 *
 * <p>Thread-safe. {@link #close()} closes the binders that hold resources and the registry.
 */
public final class ServerMeters implements AutoCloseable {
  /** The Prometheus text format's content type, the default answer. */
  public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** The OpenMetrics text format's content type, for a scraper that asks for it. */
  public static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  /** How long a gauge's read of the store is reused, by the server's clock. */
  public static final Duration READ_TTL = Duration.ofSeconds(2);

  /** What ProcessorMetrics' {@code system.cpu.count} is published as. */
  static final String CPU_CORES = "system.cpu.cores";

  private static final Logger log = LoggerFactory.getLogger(ServerMeters.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Clock clock;

  /** A registry with the JVM and process binders bound. */
  public ServerMeters(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    // promtool check metrics refuses two of ProcessorMetrics' names: a unit abbreviated
    // (process_cpu_time_ns_total; process_cpu_usage stays) and a gauge ending in _count.
    registry
        .config()
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName(CPU_CORES) : id;
              }
            });
    JvmGcMetrics gc = new JvmGcMetrics();
    closeables.add(gc);
    for (MeterBinder binder :
        List.of(
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            new FileDescriptorMetrics())) {
      binder.bindTo(registry);
    }
  }

  /** The registry, to give to {@code Orchestrator.builder().meterRegistry(..)}. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The pool's connections, waits and timeouts: {@code hikaricp_*}, tagged with its name. */
  public void bindPool(HikariDataSource pool) {
    pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  /**
   * The orchestrator's circuit breakers ({@code resilience4j_circuitbreaker_*}, each breaker as it
   * is created), self-healing by outcome over the automations' window ({@code rpa_steps_healing}),
   * and the build ({@code rpa_build_info}).
   */
  public void bindOrchestrator(
      Orchestrator orchestrator, BrowserAutomation automation, String version) {
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(
            orchestrator.breakers().circuitBreakerRegistry())
        .bindTo(registry);
    var healing = new CachedRead<>(clock, READ_TTL, "self-healing", automation::selfHealing);
    healing(healing, "healed", HealingStats::healed);
    healing(healing, "not_healed", HealingStats::notHealed);
    healing(healing, "no_alternative", HealingStats::noAlternative);
    Gauge.builder("rpa.build.info", () -> 1)
        .description("Build information; always 1.")
        .tag("version", version)
        .register(registry);
  }

  private void healing(
      CachedRead<HealingStats> healing, String outcome, ToLongFunction<HealingStats> steps) {
    Gauge.builder(
            "rpa.steps.healing",
            healing,
            read -> {
              HealingStats stats = read.get();
              return stats == null ? Double.NaN : steps.applyAsLong(stats);
            })
        .strongReference(true)
        .description(
            "Element steps of the last 24 hours whose first locator missed, by what self-healing"
                + " did.")
        .tag("healing", outcome)
        .register(registry);
  }

  /**
   * Jetty's thread pool ({@code jetty_threads_*}), connections ({@code jetty_connections_*}) and a
   * timer of every request by method, status and outcome ({@code jetty_server_requests_seconds}).
   * Call once the server has its connectors and handler and before it starts.
   */
  void bindJetty(Server server) {
    new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry);
    JettyConnectionMetrics.addToAllConnectors(server, registry);
    TimedHandler timed = new TimedHandler(registry, Tags.empty());
    timed.setHandler(server.getHandler());
    server.setHandler(timed);
  }

  /**
   * Every meter in the format {@code accept} asks for: OpenMetrics when it names {@code
   * application/openmetrics-text}, else the Prometheus text format.
   *
   * @param accept the request's {@code Accept} header; null for the default
   */
  public Scrape scrape(String accept) {
    String type =
        accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
            ? OPENMETRICS
            : TEXT;
    return new Scrape(type, registry.scrape(type));
  }

  /** A scrape's body and its content type. */
  public record Scrape(String contentType, String body) {}

  @Override
  public void close() {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("Closing {} failed", closeable.getClass().getSimpleName(), e);
      }
    }
    registry.close();
  }
}
