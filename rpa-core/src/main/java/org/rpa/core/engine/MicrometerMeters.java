package org.rpa.core.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.rpa.core.job.JobStatus;
import org.rpa.core.metrics.CachedRead;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.ExecutionChange;
import org.rpa.core.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's meters on a Micrometer registry: the one class that names a Micrometer type, loaded
 * only when the builder was given a registry. Recording goes to meters resolved once per job type
 * and kept in a map, so the hot path looks two keys up and records, allocating nothing. Gauges that
 * read the store read it at most once per {@link #STORE_READ_TTL} by the engine's clock, however
 * often the registry is scraped. Not API.
 *
 * <p>Thread-safe.
 */
final class MicrometerMeters implements EngineMeters {
  private static final Logger log = LoggerFactory.getLogger(MicrometerMeters.class);

  /** How long a gauge's store read is reused. */
  static final Duration STORE_READ_TTL = Duration.ofSeconds(2);

  /** The tag of a job type, {@code provider.action}. */
  static final String JOB_TYPE = "job_type";

  /** How an execution ended, or a job that never ran. */
  enum Outcome {
    SUCCESS,
    BUSINESS_FAILURE,
    TECHNICAL_FAILURE,
    TIMEOUT,
    CANCELLED,
    EXPIRED;

    final String tag = name().toLowerCase(Locale.ROOT);
  }

  private static final Outcome[] OUTCOMES = Outcome.values();

  private final MeterRegistry registry;
  private final List<Meter> registered = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<String, ConcurrentMap<String, TypeMeters>> types =
      new ConcurrentHashMap<>();
  private final Timer localClaims;
  private final Timer remoteClaims;
  private volatile boolean closed;

  private MicrometerMeters(MeterRegistry registry) {
    this.registry = registry;
    this.localClaims = claimTimer("local");
    this.remoteClaims = claimTimer("remote");
  }

  static EngineMeters create(Object registry) {
    if (!(registry instanceof MeterRegistry meters)) {
      throw new IllegalArgumentException(
          "meterRegistry must be a Micrometer MeterRegistry, but was " + registry.getClass());
    }
    return new MicrometerMeters(meters);
  }

  @Override
  public void queueWait(ClaimedJob job, long nanos) {
    if (closed) {
      return;
    }
    meters(job.provider(), job.action())
        .queueWait()
        .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  @Override
  public void claim(String kind, long nanos) {
    if (closed) {
      return;
    }
    Timer timer = kind.equals("remote") ? remoteClaims : localClaims;
    timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  @Override
  public void applied(Transition transition) {
    Outcome outcome = outcome(transition);
    if (outcome == null || closed) {
      return;
    }
    TypeMeters meters = meters(transition.job().provider(), transition.job().action());
    meters.outcomes[outcome.ordinal()].increment();
    ExecutionChange execution = transition.execution();
    if (execution != null && execution.duration() != null) {
      meters.execution().record(execution.duration());
    }
  }

  /**
   * How {@code transition} ended an execution, or the job without one; null when it did neither (a
   * claim, a start, a promotion, a release).
   */
  static Outcome outcome(Transition transition) {
    ExecutionChange execution = transition.execution();
    if (execution != null) {
      return switch (execution.status()) {
        case RUNNING -> null;
        case SUCCESS -> Outcome.SUCCESS;
        case TIMEOUT -> Outcome.TIMEOUT;
        case CANCELLED -> Outcome.CANCELLED;
        // The executors log a refusal by the portal (never retried) as a business failure.
        case FAILED ->
            "business failure".equals(transition.log().reason())
                ? Outcome.BUSINESS_FAILURE
                : Outcome.TECHNICAL_FAILURE;
      };
    }
    // A job that ends without an execution: cancelled or expired before it ran, or lost with
    // its claim when it had no attempt left.
    return switch (transition.to().status()) {
      case CANCELLED -> Outcome.CANCELLED;
      case FAILED ->
          transition.outcome() != null
                  && transition.outcome().error() != null
                  && Transition.EXPIRED.equals(transition.outcome().error().type())
              ? Outcome.EXPIRED
              : Outcome.TECHNICAL_FAILURE;
      default -> null;
    };
  }

  @Override
  public void bind(Engine engine) {
    EngineConfig config = engine.config();
    Clock clock = config.clock();
    Set<String> known = new TreeSet<>(config.handlers().keySet());
    known.addAll(config.declaredTypes());
    for (String type : known) {
      int dot = type.indexOf('.');
      meters(type.substring(0, dot), type.substring(dot + 1));
    }

    var counts =
        new CachedRead<>(clock, STORE_READ_TTL, "job counts", () -> engine.store().countByStatus());
    for (JobStatus status : JobStatus.values()) {
      gauge(
          Gauge.builder("rpa.jobs", counts, read -> count(read, status))
              .description("Jobs in the store by status.")
              .tag("status", status.name().toLowerCase(Locale.ROOT)));
    }
    gauge(
        Gauge.builder("rpa.queue.depth", counts, read -> count(read, JobStatus.QUEUED))
            .description("Jobs due and waiting for an executor (QUEUED)."));
    var fleet =
        new CachedRead<>(clock, STORE_READ_TTL, "executors", () -> engine.fleet().summary());
    gauge(
        Gauge.builder(
                "rpa.executors.online",
                fleet,
                read -> {
                  var summary = read.get();
                  return summary == null ? Double.NaN : summary.online();
                })
            .description("Executors that are idle or busy: alive, and able to run jobs."));
    gauge(
        Gauge.builder(
                "rpa.scheduler.running", engine, e -> e.schedules().status().running() ? 1 : 0)
            .description("1 while the background scheduler runs."));
    if (config.callbackTransport() != null) {
      var pending =
          new CachedRead<>(
              clock,
              STORE_READ_TTL,
              "pending callbacks",
              () -> engine.store().outbox().pendingCount());
      gauge(
          Gauge.builder("rpa.callbacks.pending", pending, MicrometerMeters::number)
              .description("Completion callbacks in the outbox not delivered yet."));
    }

    Metrics metrics = engine.metrics();
    register(
        TimeGauge.builder("rpa.uptime", metrics, TimeUnit.MILLISECONDS, m -> m.uptime().toMillis())
            .description("Time since the orchestrator started.")
            .register(registry));
    LiveCounters live = metrics.live();
    counter("rpa.jobs.submitted", "Jobs submitted since start.", live, LiveCounters::submitted);
    counter("rpa.jobs.started", "Executions started since start.", live, LiveCounters::started);
    counter(
        "rpa.jobs.succeeded",
        "Executions that succeeded since start.",
        live,
        LiveCounters::succeeded);
    counter("rpa.jobs.failed", "Executions that failed since start.", live, LiveCounters::failed);
    counter("rpa.jobs.retried", "Retries scheduled since start.", live, LiveCounters::retried);
    counter(
        "rpa.jobs.recovered", "Jobs recovered from lost leases.", live, LiveCounters::recovered);
    counter(
        "rpa.submit.commits",
        "Insert transactions that committed submitted jobs since start.",
        live,
        LiveCounters::submitCommits);
    counter(
        "rpa.submit.calls",
        "Submit calls those transactions committed since start; above rpa.submit.commits when"
            + " concurrent submits shared commits.",
        live,
        LiveCounters::submitsCommitted);
    // The gauges modules add (such as the self-healing ratio), now and later, under their names.
    metrics.onGauge(
        added -> {
          if (closed) {
            return;
          }
          var value = new CachedRead<>(clock, STORE_READ_TTL, added.name(), added::read);
          gauge(
              Gauge.builder(added.name(), value, MicrometerMeters::number)
                  .description(added.help()));
        });
  }

  @Override
  public void close() {
    closed = true;
    for (Meter meter : registered) {
      registry.remove(meter);
    }
    registered.clear();
  }

  private TypeMeters meters(String provider, String action) {
    ConcurrentMap<String, TypeMeters> byAction = types.get(provider);
    if (byAction == null) {
      byAction = types.computeIfAbsent(provider, key -> new ConcurrentHashMap<>());
    }
    TypeMeters meters = byAction.get(action);
    if (meters == null) {
      meters = byAction.computeIfAbsent(action, key -> new TypeMeters(provider + "." + key));
    }
    return meters;
  }

  /**
   * The meters of one job type: its execution counters from the start, its timers (a percentile
   * histogram each, a hundred series) from their first record.
   */
  private final class TypeMeters {
    private final String type;
    private final Counter[] outcomes = new Counter[OUTCOMES.length];
    private volatile Timer queueWait;
    private volatile Timer execution;

    TypeMeters(String type) {
      this.type = type;
      for (Outcome outcome : OUTCOMES) {
        outcomes[outcome.ordinal()] =
            register(
                Counter.builder("rpa.executions")
                    .description(
                        "Executions that ended, per job type and outcome; jobs cancelled or"
                            + " expired before they ran count once as cancelled or expired.")
                    .tag(JOB_TYPE, type)
                    .tag("outcome", outcome.tag)
                    .register(registry));
      }
    }

    Timer queueWait() {
      Timer timer = queueWait;
      if (timer == null) {
        synchronized (this) {
          timer = queueWait;
          if (timer == null) {
            timer =
                typeTimer(
                    "rpa.job.queue.wait",
                    "From a job's run_at (its submit, unless delayed) to its start, per job type.");
            queueWait = timer;
          }
        }
      }
      return timer;
    }

    Timer execution() {
      Timer timer = execution;
      if (timer == null) {
        synchronized (this) {
          timer = execution;
          if (timer == null) {
            timer = typeTimer("rpa.job.execution", "How long executions ran, per job type.");
            execution = timer;
          }
        }
      }
      return timer;
    }

    private Timer typeTimer(String name, String help) {
      return register(
          histogram(
                  Timer.builder(name).description(help).tag(JOB_TYPE, type),
                  Duration.ofMillis(1),
                  Duration.ofHours(1))
              .register(registry));
    }
  }

  private Timer claimTimer(String kind) {
    return register(
        histogram(
                Timer.builder("rpa.dispatch.claim")
                    .description("How long one claim statement took, by the executor's kind.")
                    .tag("kind", kind),
                Duration.ofNanos(100_000),
                Duration.ofSeconds(10))
            .register(registry));
  }

  private static Timer.Builder histogram(Timer.Builder timer, Duration min, Duration max) {
    return timer.publishPercentileHistogram().minimumExpectedValue(min).maximumExpectedValue(max);
  }

  private <T> void gauge(Gauge.Builder<T> gauge) {
    register(gauge.strongReference(true).register(registry));
  }

  private <T> void counter(String name, String help, T source, ToDoubleFunction<T> count) {
    register(FunctionCounter.builder(name, source, count).description(help).register(registry));
  }

  private <M extends Meter> M register(M meter) {
    registered.add(meter);
    return meter;
  }

  private static double count(CachedRead<Map<JobStatus, Long>> read, JobStatus status) {
    Map<JobStatus, Long> counts = read.get();
    return counts == null ? Double.NaN : counts.getOrDefault(status, 0L);
  }

  private static double number(CachedRead<? extends Number> read) {
    Number value = read.get();
    return value == null ? Double.NaN : value.doubleValue();
  }
}
