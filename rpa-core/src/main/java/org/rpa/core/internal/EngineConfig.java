package org.rpa.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.rpa.core.job.JobHandler;
import org.rpa.core.recovery.RetryPolicy;

/**
 * The resolved settings of an orchestrator, as its builder validated them. Not API.
 *
 * @param databaseUrl null when {@code dataSource} is given
 * @param dataSource null when {@code databaseUrl} is given
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
    String executorName,
    RandomGenerator random,
    ZoneId scheduleZone,
    EngineHooks hooks) {

  public RetryPolicy policy(String type) {
    return retryPolicies.getOrDefault(type, retryPolicy);
  }
}
