package org.rpa.core;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.rpa.core.alert.AlertSettings;
import org.rpa.core.engine.EngineConfig;
import org.rpa.core.engine.EngineHooks;
import org.rpa.core.health.Services;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobRequest;
import org.rpa.core.metrics.Gauge;
import org.rpa.core.metrics.ResourceSampler;
import org.rpa.core.outbox.CallbackTransport;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.schedule.BackgroundTask;

/**
 * The settings shared by {@link Orchestrator.Builder} and the testing kit's manual orchestrator.
 * Each setter checks its value where it enters and throws {@link IllegalArgumentException} naming
 * the rule; {@code build()} checks the combinations. Not thread-safe: build on one thread.
 *
 * @param <B> the concrete builder, so that chains keep their type
 */
public abstract class OrchestratorSettings<B extends OrchestratorSettings<B>> {
  public static final String DEFAULT_DATABASE = "jdbc:h2:file:./data/rpa";
  public static final int DEFAULT_CONCURRENCY = 8;
  public static final int DEFAULT_BATCH_SIZE = 128;

  /** The default buffer, in handler threads: with 16 threads a drain claims 128 jobs a commit. */
  public static final int DEFAULT_BUFFER_PER_THREAD = 7;

  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_JOB_RETENTION = Duration.ofDays(90);
  public static final Duration DEFAULT_EXECUTOR_RETENTION = Duration.ofDays(1);
  public static final Duration DEFAULT_METRICS_RETENTION = Duration.ofDays(90);

  private String databaseUrl;
  private DataSource dataSource;
  private int poolSize = 10;
  private Clock clock = Clock.systemUTC();
  private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
  private final Set<String> declaredTypes = new LinkedHashSet<>();
  private int concurrency = DEFAULT_CONCURRENCY;
  private Integer bufferSize;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
  private final Map<String, RetryPolicy> retryPolicies = new LinkedHashMap<>();
  private Duration lease = DEFAULT_LEASE;
  private Duration heartbeat = DEFAULT_HEARTBEAT;
  private Duration pollInterval = DEFAULT_POLL_INTERVAL;
  private Duration jobTimeout = DEFAULT_JOB_TIMEOUT;
  private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
  private Duration jobRetention = DEFAULT_JOB_RETENTION;
  private Duration executorRetention = DEFAULT_EXECUTOR_RETENTION;
  private Duration metricsRetention = DEFAULT_METRICS_RETENTION;
  private ResourceSampler resourceSampler;
  private String executorName;
  private RandomGenerator random = RandomGenerator.getDefault();
  private ZoneId scheduleZone = ZoneId.systemDefault();
  private final Map<String, List<BackgroundTask>> taskWork = new LinkedHashMap<>();
  private final List<Gauge> gauges = new ArrayList<>();
  private final List<RemoteWorker> remoteWorkers = new ArrayList<>();
  private BreakerOptions remoteBreaker = BreakerOptions.ofDefaults();
  private CallbackTransport callbackTransport;
  private Duration callbackMaxBackoff = Duration.ofMinutes(1);
  private AlertSettings alertSettings = AlertSettings.DEFAULTS;
  // A MeterRegistry, held as Object: no Micrometer class is loaded unless one is given.
  private Object meterRegistry;
  private Duration serviceProbeInterval = Services.DEFAULT_INTERVAL;
  private boolean shareEvents;

  protected OrchestratorSettings() {}

  protected abstract B self();

  /** The database: an H2 or PostgreSQL JDBC URL, or {@code postgresql://user:pass@host/db}. */
  public B database(String url) {
    this.databaseUrl = Objects.requireNonNull(url, "url");
    this.dataSource = null;
    return self();
  }

  /** A data source the caller owns (and closes); migrations run on it in {@code build()}. */
  public B dataSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.databaseUrl = null;
    return self();
  }

  /** Connections in the pool the orchestrator makes from a URL (default 10). */
  public B poolSize(int poolSize) {
    this.poolSize = positive("poolSize", poolSize);
    return self();
  }

  /** The clock every part of the orchestrator reads (default UTC system clock). */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** Runs jobs of {@code provider} and {@code action} in this process with {@code handler}. */
  public B handler(String provider, String action, JobHandler handler) {
    JobRequest.of(provider, action);
    handlers.put(
        EngineConfig.jobType(provider, action), Objects.requireNonNull(handler, "handler"));
    return self();
  }

  /** Accepts jobs of a type that another process runs (a remote worker); none run here. */
  public B jobType(String provider, String action) {
    JobRequest.of(provider, action);
    declaredTypes.add(EngineConfig.jobType(provider, action));
    return self();
  }

  /** Handler threads of the in-process executor (default 8). */
  public B concurrency(int concurrency) {
    this.concurrency = positive("concurrency", concurrency);
    return self();
  }

  /**
   * Claimed jobs held locally beyond the busy threads, while handlers run shorter than 100 ms on
   * average (default: {@value #DEFAULT_BUFFER_PER_THREAD} times the threads). Short jobs then never
   * wait for a claim, and each claim takes more jobs per commit; longer jobs do not use the buffer,
   * so that they go to whichever instance has a free thread.
   */
  public B bufferSize(int bufferSize) {
    if (bufferSize < 0) {
      throw new IllegalArgumentException("bufferSize must not be negative, but was " + bufferSize);
    }
    this.bufferSize = bufferSize;
    return self();
  }

  /** Jobs one claim statement takes at most (default {@value #DEFAULT_BATCH_SIZE}). */
  public B batchSize(int batchSize) {
    this.batchSize = positive("batchSize", batchSize);
    return self();
  }

  /** The retry policy of every job type without its own. */
  public B retryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /** The retry policy of one job type. */
  public B retryPolicy(String provider, String action, RetryPolicy policy) {
    retryPolicies.put(
        EngineConfig.jobType(provider, action), Objects.requireNonNull(policy, "policy"));
    return self();
  }

  /** How long an executor's lease lasts without a heartbeat (default 60 s). */
  public B leaseLength(Duration lease) {
    this.lease = positive("leaseLength", lease);
    return self();
  }

  /** How often the executor renews its lease (default 10 s). */
  public B heartbeatInterval(Duration heartbeat) {
    this.heartbeat = positive("heartbeatInterval", heartbeat);
    return self();
  }

  /** How often the dispatcher looks for due jobs when nothing woke it (default 1 s). */
  public B pollInterval(Duration pollInterval) {
    this.pollInterval = positive("pollInterval", pollInterval);
    return self();
  }

  /** How long one execution may run unless its job says otherwise (default 15 min). */
  public B jobTimeout(Duration timeout) {
    this.jobTimeout = positive("jobTimeout", timeout);
    return self();
  }

  /** How long {@code close()} waits for running jobs (default 30 s). */
  public B shutdownTimeout(Duration timeout) {
    this.shutdownTimeout = positive("shutdownTimeout", timeout);
    return self();
  }

  /** How long finished jobs are kept before the daily cleanup deletes them (default 90 days). */
  public B jobRetention(Duration retention) {
    this.jobRetention = positive("jobRetention", retention);
    return self();
  }

  /**
   * How long the metrics collector's five-minute snapshots are kept before the daily cleanup
   * deletes them (default 90 days): the history {@code Metrics.recent(..)} looks back on.
   */
  public B metricsRetention(Duration retention) {
    this.metricsRetention = positive("metricsRetention", retention);
    return self();
  }

  /**
   * How long the row of an executor that stopped, or whose lease ran out, stays in the fleet before
   * the {@code recover_stale_jobs} task deletes it (default 1 day). A restarted process is a new
   * executor, so without this every restart would add a row for ever.
   */
  public B executorRetention(Duration retention) {
    this.executorRetention = positive("executorRetention", retention);
    return self();
  }

  /**
   * What this process's executor measures of itself at each heartbeat, for the fleet view (default:
   * {@link ResourceSampler#thisProcess()}, this JVM and the processes it started).
   */
  public B resourceSampler(ResourceSampler sampler) {
    this.resourceSampler = Objects.requireNonNull(sampler, "sampler");
    return self();
  }

  /**
   * The alert rules' thresholds (default {@link AlertSettings#DEFAULTS}: success rate under 80 %
   * over an hour, no execution in 5 minutes, the traffic light's 5 % / 10 %, 20 / 50, 80 %).
   */
  public B alerts(AlertSettings settings) {
    this.alertSettings = Objects.requireNonNull(settings, "settings");
    return self();
  }

  /**
   * How often each downstream service registered with {@code services()} is probed (default 30 s),
   * by the clock: the first probe runs when the orchestrator starts.
   */
  public B serviceProbeInterval(Duration interval) {
    this.serviceProbeInterval = positive("serviceProbeInterval", interval);
    return self();
  }

  /**
   * Shares this orchestrator's job changes, executor heartbeats and offline executors with the
   * other orchestrators on the same PostgreSQL database, and hears theirs on {@code
   * Orchestrator.peerEvents()} (default off). Events travel by {@code NOTIFY rpa_events}, packed
   * into as few notifications as fit, from a thread of their own: the engine never waits for them.
   * On H2 there is no other instance, and nothing is shared.
   */
  public B shareEvents(boolean share) {
    this.shareEvents = share;
    return self();
  }

  /** This process's executor id (default {@code <host>-<pid>-<random>}). */
  public B executorName(String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException(
          "executorName must be 1 to 100 characters, but was " + name);
    }
    this.executorName = name;
    return self();
  }

  /** The source of retry jitter (default: the JDK's default generator). */
  public B random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return self();
  }

  /** The time zone of daily background tasks such as the 02:00 cleanup (default: the system's). */
  public B scheduleZone(ZoneId zone) {
    this.scheduleZone = Objects.requireNonNull(zone, "zone");
    return self();
  }

  /**
   * Runs {@code work} after each run of the named background task (such as {@code
   * cleanup_old_evidence}, daily at 02:00), in the same thread and under the same cluster lease.
   * Work added to a task runs even if the task or earlier work threw; the first exception is then
   * reported for the run.
   *
   * @throws IllegalArgumentException if {@code task} is not one of the documented task names
   */
  public B onBackgroundTask(String task, BackgroundTask work) {
    if (!EngineHooks.taskNames().contains(task)) {
      throw new IllegalArgumentException(
          "task must be one of " + EngineHooks.taskNames() + ", but was " + task);
    }
    taskWork
        .computeIfAbsent(task, key -> new ArrayList<>())
        .add(Objects.requireNonNull(work, "work"));
    return self();
  }

  /**
   * Sends jobs to a remote worker service as well: the jobs of the types it reports go to it while
   * it answers and has room, each call through its circuit breaker {@code worker-<n>}.
   */
  public B remoteWorker(RemoteWorker worker) {
    remoteWorkers.add(Objects.requireNonNull(worker, "worker"));
    return self();
  }

  /** The circuit-breaker settings of every remote worker (default: the registry's defaults). */
  public B remoteWorkerBreaker(BreakerOptions options) {
    this.remoteBreaker = Objects.requireNonNull(options, "options");
    return self();
  }

  /**
   * Adds a gauge to the metrics ({@code Metrics.gauges()}), read each time they are rendered.
   *
   * @throws IllegalArgumentException if {@code name} is not a Prometheus metric name
   */
  public B gauge(String name, String help, DoubleSupplier value) {
    gauges.add(new Gauge(name, help, value));
    return self();
  }

  /**
   * Reports every job that ends (COMPLETED, FAILED, CANCELLED) through {@code transport}, from the
   * durable outbox {@code callback_outbox}: in order per job, each with an idempotency key, retried
   * with backoff (1 s doubling up to {@code maxBackoff}) through the breaker {@code callback}.
   */
  public B callbacks(CallbackTransport transport, Duration maxBackoff) {
    this.callbackTransport = Objects.requireNonNull(transport, "transport");
    this.callbackMaxBackoff = positive("maxBackoff", maxBackoff);
    return self();
  }

  /**
   * Publishes the orchestrator's meters to {@code registry} (Micrometer; none by default): timers
   * with percentile histograms of the queue wait ({@code rpa.job.queue.wait}, run_at to start) and
   * the execution time ({@code rpa.job.execution}) per job type, and of each claim statement
   * ({@code rpa.dispatch.claim}); executions per job type and outcome ({@code rpa.executions}); the
   * job counters ({@code rpa.jobs.submitted}, started, succeeded, failed, retried, recovered);
   * gauges of the jobs by status ({@code rpa.jobs}), the queue depth, the executors online, the
   * scheduler, the callbacks not delivered yet, the uptime, and every {@link #gauge}. A gauge that
   * reads the store reads it at most once in two seconds by the orchestrator's clock, however often
   * the registry is scraped. {@code close()} removes the meters from the registry.
   *
   * <p>Micrometer ({@code io.micrometer:micrometer-core}) is an optional dependency of rpa-core: an
   * application that never calls this method does not need it on its class path.
   */
  public B meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return self();
  }

  /** Validates the combination and freezes it. */
  protected final EngineConfig config() {
    if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalStateException(
          "leaseLength " + lease + " must be at least twice heartbeatInterval " + heartbeat);
    }
    String url = dataSource == null && databaseUrl == null ? DEFAULT_DATABASE : databaseUrl;
    String host = ProcessIdentity.hostName();
    return new EngineConfig(
        url,
        dataSource,
        poolSize,
        clock,
        Map.copyOf(handlers),
        Set.copyOf(declaredTypes),
        concurrency,
        bufferSize == null ? DEFAULT_BUFFER_PER_THREAD * concurrency : bufferSize,
        batchSize,
        retryPolicy,
        Map.copyOf(retryPolicies),
        lease,
        heartbeat,
        pollInterval,
        jobTimeout,
        shutdownTimeout,
        jobRetention,
        executorRetention,
        metricsRetention,
        resourceSampler == null ? ResourceSampler.thisProcess() : resourceSampler,
        executorName == null ? ProcessIdentity.instanceName(host) : executorName,
        host,
        random,
        scheduleZone,
        new EngineHooks(taskWork, gauges),
        List.copyOf(remoteWorkers),
        remoteBreaker,
        callbackTransport,
        callbackMaxBackoff,
        alertSettings,
        meterRegistry,
        serviceProbeInterval,
        shareEvents);
  }

  private static int positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be positive, but was " + value);
    }
    return value;
  }

  private static Duration positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, but was " + value);
    }
    return value;
  }
}
