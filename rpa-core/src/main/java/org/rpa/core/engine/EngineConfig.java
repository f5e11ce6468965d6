package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.rpa.core.alert.AlertSettings;
import org.rpa.core.job.JobHandler;
import org.rpa.core.metrics.ResourceSampler;
import org.rpa.core.outbox.CallbackTransport;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.remote.RemoteWorker;
import org.rpa.core.resilience.BreakerOptions;

/**
 * The resolved settings of an orchestrator, as its builder validated them. Not API.
 *
 * @param databaseUrl null when {@code dataSource} is given
 * @param dataSource null when {@code databaseUrl} is given
 * @param hostName this machine's name, as the executors table records it
 * @param callbackTransport null when no completion callbacks are sent
 * @param meterRegistry a Micrometer {@code MeterRegistry} to publish to, or null; typed {@code
 *     Object} so that the engine loads no Micrometer class unless one is given
 * @param serviceProbeInterval how often each downstream service is probed
 * @param shareEvents whether job changes and executor events are shared with the other instances on
 *     the same PostgreSQL database
 */
public record EngineConfig(
    String databaseUrl,
    DataSource dataSource,
    int poolSize,
    Clock clock,
    Map<String, JobHandler> handlers,
    Set<String> declaredTypes,
    int concurrency,
    int bufferSize,
    int batchSize,
    RetryPolicy retryPolicy,
    Map<String, RetryPolicy> retryPolicies,
    Duration leaseLength,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration defaultTimeout,
    Duration shutdownTimeout,
    Duration jobRetention,
    Duration executorRetention,
    Duration metricsRetention,
    ResourceSampler resourceSampler,
    String executorName,
    String hostName,
    RandomGenerator random,
    ZoneId scheduleZone,
    EngineHooks hooks,
    List<RemoteWorker> remoteWorkers,
    BreakerOptions remoteBreaker,
    CallbackTransport callbackTransport,
    Duration callbackMaxBackoff,
    AlertSettings alertSettings,
    Object meterRegistry,
    Duration serviceProbeInterval,
    boolean shareEvents) {

  /** The key of a job type, {@code provider.action}, as handlers and retry policies are keyed. */
  public static String jobType(String provider, String action) {
    return Handlers.type(provider, action);
  }

  public RetryPolicy policy(String type) {
    return retryPolicies.getOrDefault(type, retryPolicy);
  }
}
