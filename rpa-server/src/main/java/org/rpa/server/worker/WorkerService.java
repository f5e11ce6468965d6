package org.rpa.server.worker;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.Orchestrator;
import org.rpa.core.ProcessIdentity;
import org.rpa.core.job.JobHandler;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.metrics.ResourceMeter;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.metrics.ResourceSampler;
import org.rpa.core.remote.RemoteJob;
import org.rpa.core.supervise.SupervisedLoop;
import org.rpa.server.RpaServer;
import org.rpa.server.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker service ({@code java -jar rpa-server.jar worker}, port 8621): {@code GET /health},
 * {@code GET /status}, {@code GET /status/{job_id}}, {@code POST /execute} and {@code GET
 * /metrics/prometheus}, every route behind the IP allow-list and all but {@code /health} behind the
 * shared token. Jobs run in an embedded core orchestrator with an in-memory store; results go to
 * the orchestrator's callback.
 *
 * <p>Thread-safe.
 */
public final class WorkerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);

  private final WorkerConfig config;
  private final Clock clock;
  private final String workerId;
  private final String hostname;
  private final Instant startedAt;
  private final Orchestrator local;
  private final WorkerJobs jobs;
  private final SeleniumCheck selenium;
  private final Map<String, Set<String>> actions;
  private final Javalin http;
  private final ResourceMeter resources = new ResourceMeter(ResourceSampler.thisProcess());
  private final AtomicBoolean closed = new AtomicBoolean();

  private WorkerService(
      WorkerConfig config, Clock clock, Map<String, JobHandler> handlers, SeleniumCheck selenium) {
    this.config = config;
    this.clock = clock;
    this.hostname = ProcessIdentity.hostName();
    this.workerId = ProcessIdentity.instanceName(hostname);
    this.startedAt = clock.instant();
    this.selenium = selenium;
    var byProvider = new LinkedHashMap<String, Set<String>>();
    handlers
        .keySet()
        .forEach(
            type -> {
              String[] parts = type.split("\\.", 2);
              byProvider.computeIfAbsent(parts[0], p -> new LinkedHashSet<>()).add(parts[1]);
            });
    // Registration order, kept: GET /status lists the providers and their actions in it.
    byProvider.replaceAll((provider, types) -> Collections.unmodifiableSet(types));
    this.actions = Collections.unmodifiableMap(byProvider);
    Orchestrator.Builder builder =
        Orchestrator.builder()
            .database("jdbc:h2:mem:worker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .clock(clock)
            .executorName(workerId)
            .concurrency(config.maxConcurrent())
            .bufferSize(0)
            .pollInterval(Duration.ofMillis(200));
    var accepted = new AtomicReference<WorkerJobs>();
    handlers.forEach(
        (type, handler) -> {
          String[] parts = type.split("\\.", 2);
          builder.handler(
              parts[0],
              parts[1],
              ctx -> {
                var remote = accepted.get().remoteContext(ctx);
                // The orchestrator's job id and attempt in the log, not this worker's own copy's.
                MDC.put(JobHandler.MDC_JOB_ID, remote.jobId().toString());
                MDC.put(JobHandler.MDC_ATTEMPT, Integer.toString(remote.attempt()));
                return handler.handle(remote);
              });
        });
    this.local = builder.build();
    var sender =
        new CallbackSender(
            config.orchestratorUrl(),
            config.authToken(),
            workerId,
            config.workerTimeout(),
            local.breakers().breaker("orchestrator", CallbackSender.BREAKER));
    local.supervisor().register(sender);
    this.jobs = new WorkerJobs(local, clock, config.maxConcurrent(), sender::send);
    accepted.set(jobs);
    local.supervisor().register(new Cleanup(jobs, clock));
    this.http = WorkerRoutes.create(this);
  }

  /** Starts the embedded engine and the HTTP service on the configured host and port. */
  public static WorkerService start(
      WorkerConfig config, Clock clock, Map<String, JobHandler> handlers, SeleniumCheck selenium) {
    var service = new WorkerService(config, clock, handlers, selenium);
    try {
      service.local.start();
      service.http.start(config.host(), config.port());
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    LOG.info(
        "rpa worker {} listening on {}:{} with {} handler(s), capacity {}, reporting to {}",
        service.workerId,
        config.host(),
        service.http.port(),
        handlers.size(),
        config.maxConcurrent(),
        config.orchestratorUrl());
    return service;
  }

  public int port() {
    return http.port();
  }

  public String workerId() {
    return workerId;
  }

  WorkerConfig config() {
    return config;
  }

  Clock clock() {
    return clock;
  }

  WorkerJobs jobs() {
    return jobs;
  }

  /** Takes a job for this worker ({@code POST /execute}). */
  WorkerJobs.Acceptance execute(RemoteJob job) {
    if (!runs(job.provider(), job.action())) {
      throw new InvalidRequestException(
          "provider", job.provider() + "." + job.action(), "must be a job type this worker runs");
    }
    return jobs.accept(job);
  }

  private boolean runs(String provider, String action) {
    Set<String> actions = actionsByProvider().get(provider);
    return actions != null && actions.contains(action);
  }

  /** Each provider's actions, both in the order their handlers were registered. */
  Map<String, Set<String>> actionsByProvider() {
    return actions;
  }

  /** How long this worker has run. */
  Duration uptime() {
    return Duration.between(startedAt, clock.instant());
  }

  /** The body of {@code GET /status}. */
  Map<String, Object> status() {
    var body = new LinkedHashMap<String, Object>();
    body.put("status", "online");
    body.put("version", RpaServer.version());
    body.put("uptime", Metrics.humanUptime(uptime()));
    body.put("hostname", hostname);
    body.put("system", System.getProperty("os.name"));
    body.put("java_version", Runtime.version().toString());
    body.put("selenium_available", selenium.available());
    Map<String, Set<String>> actions = actionsByProvider();
    body.put("providers", actions.keySet());
    body.put("actions", actions);
    var stats = new LinkedHashMap<String, Object>();
    stats.put("active", jobs.active());
    stats.put("total", jobs.total());
    stats.put("successful", jobs.successful());
    stats.put("failed", jobs.failed());
    body.put("job_stats", stats);
    var capacity = new LinkedHashMap<String, Object>();
    capacity.put("max_concurrent", jobs.capacity());
    capacity.put("current_load", jobs.active());
    body.put("capacity", capacity);
    body.put("worker_id", workerId);
    body.put("resources", resources(resources.sample(clock.instant())));
    return body;
  }

  /**
   * What this process and the processes it started (its browsers and drivers) use: the CPU share
   * since the previous {@code /status}, the resident memory now.
   */
  private static Map<String, Object> resources(ResourceSample sample) {
    var resources = new LinkedHashMap<String, Object>();
    resources.put("cpu_percent", sample.cpuPercent());
    resources.put("memory_mb", sample.memoryMb());
    resources.put("memory_bytes", sample.memoryBytes());
    resources.put("processes", sample.processes());
    return resources;
  }

  /** Keeps a long-running worker's memory flat: finished attempts are kept for an hour. */
  private record Cleanup(WorkerJobs jobs, Clock clock) implements SupervisedLoop {
    static final Duration KEEP = Duration.ofHours(1);

    @Override
    public String name() {
      return "worker_cleanup";
    }

    @Override
    public void runOnce() {
      jobs.forgetFinishedBefore(clock.instant().minus(KEEP));
    }

    @Override
    public Duration pollInterval() {
      return Duration.ofMinutes(1);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        http.stop();
        jobs.cancelRunning();
      } finally {
        local.close();
      }
    }
  }
}
