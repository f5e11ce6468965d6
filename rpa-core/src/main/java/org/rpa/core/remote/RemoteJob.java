package org.rpa.core.remote;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt of a job, as the orchestrator hands it to a worker ({@code POST /execute}).
 *
 * @param executorId the lease holder in the orchestrator's store; the worker names it in its result
 */
public record RemoteJob(
    long jobId,
    String provider,
    String action,
    Map<String, Object> params,
    int occurrence,
    int attempt,
    Duration timeout,
    String executorId) {
  public RemoteJob {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    params = Map.copyOf(params);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(executorId, "executorId");
  }

  /** The key that identifies this attempt: {@code <job>:<occurrence>:<attempt>}. */
  public String idempotencyKey() {
    return jobId + ":" + occurrence + ":" + attempt;
  }
}
